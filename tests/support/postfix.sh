#!/usr/bin/env bash
# A private Postfix (Debian's binaries) for the tests and scripts/bench-mail: its own config,
# queue and log under DIR, one SMTP listener on 127.0.0.1:PORT, every message accepted from
# loopback and relayed to Postfix's discard: transport (so nothing leaves the machine). Its log
# (DIR/maillog, through postlogd: no syslog needed) has one `message-id=<…>` line per message
# taken in, which is how callers count what arrived.
#
#   postfix.sh start DIR PORT    (creates DIR; returns once PORT answers)
#   postfix.sh stop DIR          (the relay goes away: its connections are closed)
#   postfix.sh received DIR      (how many messages it has taken in, from its log)
#
# Tuned for loopback load, not for the Internet: no in_flow_delay (Postfix otherwise slows
# senders down by a second per message when arrivals outpace deliveries), no per-client limits,
# no chroot (the queue is not under /var/spool/postfix). Must run as root (Postfix's master).
set -euo pipefail

cmd=${1:-}
dir=${2:-}
[[ -n "$cmd" && -n "$dir" ]] || { echo "usage: $0 start DIR PORT | stop DIR | received DIR" >&2; exit 2; }
etc="$dir/etc"

case "$cmd" in
start)
    port=${3:?port}
    mkdir -p "$etc" "$dir/queue" "$dir/data"
    # Postfix's queue and data directories belong to its own user; DIR must let it through.
    chmod 755 "$dir"
    chown postfix "$dir/data"
    touch "$dir/maillog"
    cat >"$etc/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/data
mail_owner = postfix
setgid_group = postdrop
myhostname = postfix.iris.test
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mydestination =
mynetworks = 127.0.0.0/8
relayhost =
alias_maps =
alias_database =
local_recipient_maps =
smtpd_relay_restrictions = permit_mynetworks, reject
default_transport = discard:
local_transport = discard:
relay_transport = discard:
virtual_transport = discard:
maillog_file = $dir/maillog
maillog_file_prefixes = $dir
in_flow_delay = 0
smtpd_client_connection_count_limit = 0
smtpd_client_connection_rate_limit = 0
smtpd_client_message_rate_limit = 0
default_process_limit = 200
biff = no
CF
    # Debian's master.cf with its SMTP listener moved to PORT and chroot off everywhere.
    awk -v listen="127.0.0.1:$port" '
        /^[a-z0-9.:]/ && NF >= 8 {
            if ($1 == "smtp" && $2 == "inet") $1 = listen
            $5 = "n"
        }
        { print }' /usr/share/postfix/master.cf.dist >"$etc/master.cf"
    postfix -c "$etc" set-permissions >/dev/null 2>&1 || true
    postfix -c "$etc" check
    postfix -c "$etc" start 2>/dev/null
    for _ in $(seq 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && exit 0
        sleep 0.1
    done
    echo "postfix.sh: Postfix did not listen on 127.0.0.1:$port" >&2
    tail -n 20 "$dir/maillog" >&2
    exit 1
    ;;
stop)
    postfix -c "$etc" stop 2>/dev/null || true
    # `stop` returns before the master has gone; wait for its pid file to go.
    for _ in $(seq 100); do
        [[ -f "$dir/queue/pid/master.pid" ]] || exit 0
        kill -0 "$(tr -d ' ' <"$dir/queue/pid/master.pid")" 2>/dev/null || exit 0
        sleep 0.1
    done
    ;;
received)
    grep -c ' message-id=<' "$dir/maillog" || true
    ;;
*)
    echo "usage: $0 start DIR PORT | stop DIR | received DIR" >&2
    exit 2
    ;;
esac
