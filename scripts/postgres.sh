#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the store's tests: `start DIR PORT` or `stop DIR`.
# Runs as the postgres user (initdb refuses root); prints the URL the tests read from
# SUMMARISE_TEST_POSTGRES_URL. Needs Debian's postgresql package.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
action=$1 dir=$2
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
case $action in
  start)
    port=${3:-54329}
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_pg "$bin/initdb -D '$dir' -A trust -U test" >/dev/null
    as_pg "$bin/pg_ctl -D '$dir' -l '$dir/log' -w \
      -o \"-k '$dir' -p $port -c listen_addresses=127.0.0.1 -c fsync=off\" start" >/dev/null
    echo "postgresql://test@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_pg "$bin/pg_ctl -D '$dir' -m fast -w stop" >/dev/null
    ;;
  *) echo "usage: $0 start DIR [PORT] | stop DIR" >&2; exit 2 ;;
esac
