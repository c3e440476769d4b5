#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `start` creates one in a temporary folder (initdb as the `postgres`
# user when run as root), listening on a free port of 127.0.0.1 only, and prints its URL for SIGNPOST_TEST_POSTGRES;
# `stop FOLDER` stops it and deletes the folder. Trust authentication on loopback: nothing real is ever in it.
#
#   folder=$(scripts/test-postgres.sh start)          # prints the folder; the URL is in $folder/url
#   SIGNPOST_TEST_POSTGRES=$(cat "$folder/url") swift test
#   scripts/test-postgres.sh stop "$folder"
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[ -n "$bin" ] || bin=$(dirname "$(command -v initdb)")
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
start)
    folder=$(mktemp -d /tmp/signpost-postgres.XXXXXX)
    chmod 755 "$folder"
    [ "$(id -u)" = 0 ] && chown postgres "$folder"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/initdb" -D "$folder/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1 \
        || { cat "$folder/initdb.log" >&2; exit 1; }
    # fsync off: a test cluster need not survive a power cut.
    as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w \
        -o "-p $port -k $folder -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null || { cat "$folder/server.log" >&2; exit 1; }
    echo "postgres://postgres@127.0.0.1:$port/postgres" >"$folder/url"
    echo "$folder"
    ;;
stop)
    folder=${2:?usage: test-postgres.sh stop FOLDER}
    as_owner "$bin/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$folder"
    ;;
*)
    echo "usage: $0 start | stop FOLDER" >&2
    exit 2
    ;;
esac
