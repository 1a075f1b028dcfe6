#!/usr/bin/env bash
# A throwaway PostgreSQL server for OpsDeck's tests.
#
#   scripts/postgres-test-server.sh start   # (re)create the cluster, start it, print the export line
#   scripts/postgres-test-server.sh env     # print the export line of the running cluster
#   scripts/postgres-test-server.sh stop    # stop it and remove its directory (nothing running: no-op)
#   scripts/postgres-test-server.sh status
#
#   eval "$(scripts/postgres-test-server.sh start)"   # exports OPSDECK_TEST_POSTGRES_URL
#
# Needs the PostgreSQL server binaries (Debian: apt-get install postgresql; they live in
# /usr/lib/postgresql/<version>/bin). Run as root, the cluster belongs to the `postgres` user
# (initdb refuses root); run as another user, it belongs to that user.
#
# The cluster lives in $OPSDECK_PG_TEST_DIR (default ${TMPDIR:-/tmp}/opsdeck-postgres-test):
# data/, the Unix socket, server.log and url (the URL). It listens on 127.0.0.1 only, on
# $OPSDECK_PG_TEST_PORT (default 54329; when that default is taken, the next free port up to
# 54349 is used; a port set explicitly is used or refused). Its bootstrap superuser
# `opsdeck_admin` has a random password; the database is `opsdeck_test`. Durability is off
# (fsync, full_page_writes): a crash of the machine loses the cluster, which is thrown away anyway.
#
# `start` over a cluster left by an earlier run stops and removes it first, so CI may run it twice.
# Everything but the export line goes to stderr.
set -euo pipefail

dir=${OPSDECK_PG_TEST_DIR:-${TMPDIR:-/tmp}/opsdeck-postgres-test}
admin=opsdeck_admin
database=opsdeck_test

say() { printf 'postgres-test-server: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

bindir() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$found" ] && [ -x "$found/pg_ctl" ]; then
        printf '%s\n' "$found"
    elif command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"
    else
        die "no PostgreSQL server binaries (install the postgresql package)"
    fi
}

# The cluster's owner: postgres when we are root, else ourselves.
owner() { if [ "$(id -u)" = 0 ]; then echo postgres; else id -un; fi; }

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        if command -v runuser >/dev/null 2>&1; then
            runuser -u postgres -- "$@"
        else
            su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
        fi
    else
        "$@"
    fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running() {
    [ -f "$dir/data/PG_VERSION" ] || return 1
    as_owner "$(bindir)/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

stop() {
    if [ -d "$dir" ]; then
        if running; then
            as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 \
                || as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 \
                || true
        fi
        if [ -f "$dir/data/postmaster.pid" ]; then
            # pg_ctl could not stop it (or it says it is not running): end that postmaster by its pid.
            pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
            if [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$dir/data"; then
                kill -QUIT "$pid" 2>/dev/null || true
                for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            fi
        fi
        rm -rf "$dir"
        say "stopped; removed $dir"
    fi
}

print_env() {
    [ -f "$dir/url" ] && running || die "no throwaway server running in $dir (run: $0 start)"
    printf 'export OPSDECK_TEST_POSTGRES_URL=%s\n' "$(cat "$dir/url")"
}

start() {
    local bin port explicit password user
    bin=$(bindir)
    user=$(owner)
    id "$user" >/dev/null 2>&1 || die "user $user does not exist (the postgresql package creates it)"
    stop

    explicit=${OPSDECK_PG_TEST_PORT:-}
    port=${OPSDECK_PG_TEST_PORT:-54329}
    while port_in_use "$port"; do
        [ -z "$explicit" ] || die "port $port is in use (OPSDECK_PG_TEST_PORT)"
        port=$((port + 1))
        [ "$port" -le 54349 ] || die "no free port in 54329-54349 (set OPSDECK_PG_TEST_PORT)"
    done

    mkdir -p "$dir"
    chmod 700 "$dir"
    mkdir -p "$dir/socket"
    password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    printf '%s\n' "$password" >"$dir/pwfile"
    [ "$(id -u)" != 0 ] || chown -R postgres:postgres "$dir"

    as_owner "$bin/initdb" -D "$dir/data" -U "$admin" --pwfile="$dir/pwfile" -E UTF8 --locale=C \
        --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    rm -f "$dir/pwfile"
    cat >>"$dir/data/postgresql.conf" <<CONF

# OpsDeck throwaway test cluster
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/socket'
max_connections = 500
fsync = off
full_page_writes = off
synchronous_commit = off
CONF
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
        || { tail -n 30 "$dir/server.log" >&2 || true; die "the server did not start"; }
    as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/socket" -p "$port" -U "$admin" -d postgres \
        -c "CREATE DATABASE $database" >&2
    printf 'postgres://%s:%s@127.0.0.1:%s/%s\n' "$admin" "$password" "$port" "$database" >"$dir/url"
    chmod 600 "$dir/url"
    say "PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port, cluster in $dir"
    print_env
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    env) print_env ;;
    status) if running; then say "running in $dir"; else say "not running"; exit 1; fi ;;
    *) echo "usage: $0 start|stop|env|status" >&2; exit 2 ;;
esac
