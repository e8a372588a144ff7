#!/bin/sh
# Kratos keeps every email it sends in its courier_messages table, code or link included
# (body and template_data), and `kratos cleanup sql` does not touch that table (Kratos v1.3.1).
# This job scrubs both columns once a message is older than GRACE_SECONDS, so no live secret
# sits in Kratos's database longer than that (SECURITY.md item 54). The rows stay, so Kratos's
# admin API still lists what was sent, to whom and with what status.
#
# Env:
#   KRATOS_DSN        Kratos's database: postgres://… (a libpq URI: psql is used) or
#                     sqlite:///path/kratos.db… (sqlite3 is used)
#   GRACE_SECONDS     age after which a message is scrubbed (default 3600; Iris's codes live
#                     at most 15 minutes)
#   INTERVAL_SECONDS  0 (default): run once; otherwise run every so many seconds, forever
#
# POSIX sh, so that it runs in the postgres image of docker-compose.yml as well as here.
set -eu

: "${KRATOS_DSN:?KRATOS_DSN: Kratos database URL}"
GRACE_SECONDS=${GRACE_SECONDS:-3600}
INTERVAL_SECONDS=${INTERVAL_SECONDS:-0}
case $GRACE_SECONDS$INTERVAL_SECONDS in
    *[!0-9]*) echo "courier-retention: GRACE_SECONDS and INTERVAL_SECONDS must be whole seconds" >&2; exit 2 ;;
esac

scrub() {
    case $KRATOS_DSN in
        postgres://* | postgresql://*)
            # Kratos writes created_at as UTC into a timestamp without time zone.
            psql "$KRATOS_DSN" -v ON_ERROR_STOP=1 -qtA -c "
                WITH scrubbed AS (
                    UPDATE courier_messages SET body = '', template_data = NULL
                    WHERE created_at < (now() AT TIME ZONE 'UTC') - make_interval(secs => $GRACE_SECONDS)
                      AND (body <> '' OR template_data IS NOT NULL)
                    RETURNING 1)
                SELECT count(*) FROM scrubbed"
            ;;
        sqlite://*)
            path=${KRATOS_DSN#sqlite://}
            path=${path%%\?*}
            # julianday() reads Kratos's timestamps whatever their separator and offset.
            sqlite3 -bail "$path" "
                PRAGMA busy_timeout = 5000;
                UPDATE courier_messages SET body = '', template_data = NULL
                WHERE julianday(created_at) < julianday('now') - $GRACE_SECONDS / 86400.0
                  AND (body <> '' OR template_data IS NOT NULL);
                SELECT changes();" | tail -n 1
            ;;
        *)
            echo "courier-retention: KRATOS_DSN must start with postgres:// or sqlite://" >&2
            exit 2
            ;;
    esac
}

while :; do
    n=$(scrub)
    echo "courier-retention: scrubbed $n courier message(s) older than ${GRACE_SECONDS}s"
    [ "$INTERVAL_SECONDS" -gt 0 ] || exit 0
    sleep "$INTERVAL_SECONDS"
done
