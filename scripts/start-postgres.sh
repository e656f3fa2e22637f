#!/usr/bin/env bash
# Starts a throw-away local PostgreSQL cluster for Lodestone's tests and benchmarks, and prints its URL:
#   export LODESTONE_TEST_PG="$(scripts/start-postgres.sh)"
# Idempotent: installs Debian's server if missing, reuses a running cluster, creates the role and database once.
# Settings (environment): LODESTONE_PG_DIR (cluster directory, default /tmp/lodestone-pg),
# LODESTONE_PG_PORT (default: the first free port from 54329), LODESTONE_PG_DB / _USER / _PASSWORD (lodestone).
# Stop it with: scripts/start-postgres.sh --stop
# Everything but the URL goes to standard error, so the output can be captured.
set -euo pipefail

DIR="${LODESTONE_PG_DIR:-/tmp/lodestone-pg}"
DB="${LODESTONE_PG_DB:-lodestone}"
USER_NAME="${LODESTONE_PG_USER:-lodestone}"
PASSWORD="${LODESTONE_PG_PASSWORD:-lodestone}"
log() { echo "start-postgres: $*" >&2; }

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
  return 1
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

BIN="$(find_bin || true)"
if [ -z "$BIN" ]; then
  log "installing PostgreSQL (Debian package)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  BIN="$(find_bin)"
fi

# initdb and postgres refuse to run as root: run them as the postgres user (or as ourselves when not root).
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  run_pg() { runuser -u postgres -- "$@"; }
else
  run_pg() { "$@"; }
fi

if [ "${1:-}" = "--stop" ]; then
  if [ -f "$DIR/data/PG_VERSION" ]; then run_pg "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >&2 || true; fi
  exit 0
fi

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

mkdir -p "$DIR"
[ "$(id -u)" = 0 ] && chown postgres "$DIR"

if [ ! -f "$DIR/data/PG_VERSION" ]; then
  log "creating a cluster in $DIR/data"
  # The admin connects through the Unix socket in $DIR (trust); clients over TCP need the role's password.
  run_pg "$BIN/initdb" -D "$DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >&2
fi

if run_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  PORT="$(sed -n 4p "$DIR/data/postmaster.pid")"
  log "reusing the running cluster on port $PORT"
else
  PORT="${LODESTONE_PG_PORT:-}"
  if [ -z "$PORT" ]; then
    PORT=54329
    while ! port_free "$PORT"; do PORT=$((PORT + 1)); done
  fi
  log "starting on 127.0.0.1:$PORT"
  run_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DIR -c synchronous_commit=off -c max_connections=100" \
    start >&2
fi

psql_admin() { run_pg "$BIN/psql" -h "$DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$USER_NAME'")" != 1 ]; then
  psql_admin -c "CREATE ROLE $USER_NAME LOGIN PASSWORD '$PASSWORD'" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
  psql_admin -c "CREATE DATABASE $DB OWNER $USER_NAME" >&2
fi

echo "postgres://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$DB"
