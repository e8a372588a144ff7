#!/bin/sh
# Makes Iris's role and database in docker-compose.yml's PostgreSQL from the URL Iris itself
# connects with (the file IRIS_STORE_URL_FILE names: postgres://USER:PASSWORD@HOST/DATABASE),
# so the password is written in one place. Idempotent: creates what is missing, and sets the
# role's password to the URL's each time, so a changed secret takes effect at the next `up`.
# Connects as the superuser that PGHOST, PGUSER, PGPASSWORD and PGDATABASE name.
#
# POSIX sh, for the postgres image.
set -eu

url=$(cat "${IRIS_STORE_URL_FILE:?IRIS_STORE_URL_FILE: the file holding Iris store URL}")
case $url in
    postgres://*:*@*/* | postgresql://*:*@*/*) ;;
    *)
        echo "iris-db-init: $IRIS_STORE_URL_FILE must hold postgres://USER:PASSWORD@HOST/DATABASE" >&2
        exit 2
        ;;
esac
rest=${url#*://}
userinfo=${rest%%@*}
user=${userinfo%%:*}
password=${userinfo#*:}
db=${rest#*/}
db=${db%%\?*}
case $user$password$db in
    *%*)
        # SECURITY: never print the URL or the password.
        echo "iris-db-init: percent-encoded user, password or database name: use letters, digits and - _ . ~" >&2
        exit 2
        ;;
esac

# The password travels as a psql variable, quoted by psql (:'password') and by format(%L);
# nothing is echoed (-q), and the default log_statement (none) keeps it out of the server log.
psql -v ON_ERROR_STOP=1 -q -v user="$user" -v password="$password" -v db="$db" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'user')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'user', :'password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SQL
echo "iris-db-init: role $user and database $db ready"
