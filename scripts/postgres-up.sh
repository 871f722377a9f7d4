#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the PostgreSQL store and job queue tests (and the
# scale benchmark): Debian's package (installed when missing), a cluster of its own in a temp
# directory, listening on 127.0.0.1 only, password login (scram-sha-256) for TCP.
# Idempotent: a running cluster is reused. Prints the connection URL as a shell export on stdout
# (everything else goes to stderr), so callers do:
#   eval "$(bash scripts/postgres-up.sh)"     # sets CREDSTACK_TEST_POSTGRES_URL
# PostgreSQL refuses to run as root: as root the server runs as the `postgres` user.
# Stop it with: bash scripts/postgres-up.sh --stop
set -euo pipefail

PORT="${CREDSTACK_PG_PORT:-55432}"
DATA="${CREDSTACK_PG_DATA:-/tmp/credstack-pg-$PORT}"
PASSWORD="${CREDSTACK_PG_PASSWORD:-credstack}"
DB=credstack_test

log() { printf 'postgres-up: %s\n' "$*" >&2; }

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  log "installing Debian's postgresql package"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
fi
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

if [ "$(id -u)" = 0 ]; then
  OWNER=postgres
  as_owner() { runuser -u postgres -- "$@"; }
else
  OWNER="$(id -un)"
  as_owner() { "$@"; }
fi

if [ "${1:-}" = "--stop" ]; then
  if [ -f "$DATA/PG_VERSION" ]; then as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2 || true; fi
  exit 0
fi

if [ ! -f "$DATA/PG_VERSION" ]; then
  log "creating a cluster in $DATA (owner $OWNER)"
  mkdir -p "$DATA"
  chown "$OWNER" "$DATA"
  chmod 700 "$DATA"
  PWFILE="$(mktemp)"
  printf '%s\n' "$PASSWORD" >"$PWFILE"
  chown "$OWNER" "$PWFILE"
  as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile="$PWFILE" -E UTF8 >&2
  rm -f "$PWFILE"
fi

if ! as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  log "starting PostgreSQL on 127.0.0.1:$PORT"
  as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DATA -c max_connections=300" start >&2
fi

# The test database (a superuser login; each test file makes databases of its own from it).
if ! as_owner "$BIN/psql" -h "$DATA" -p "$PORT" -U postgres -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  as_owner "$BIN/psql" -h "$DATA" -p "$PORT" -U postgres -d postgres -qc "CREATE DATABASE $DB" >&2
fi

log "ready: postgres://postgres:***@127.0.0.1:$PORT/$DB"
printf 'export CREDSTACK_TEST_POSTGRES_URL=%q\n' "postgres://postgres:$PASSWORD@127.0.0.1:$PORT/$DB"
