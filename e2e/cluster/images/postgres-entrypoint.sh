#!/bin/sh
# PostgreSQL with the usual image contract: POSTGRES_PASSWORD (required), POSTGRES_USER (postgres),
# POSTGRES_DB (= user) and PGDATA. Initialises the cluster on first start, then runs the server.
set -eu
: "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
POSTGRES_USER=${POSTGRES_USER:-postgres}
POSTGRES_DB=${POSTGRES_DB:-$POSTGRES_USER}
export PGDATA=${PGDATA:-/var/lib/postgresql/data/pgdata}

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=/tmp/.initdb-password
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  initdb --username="$POSTGRES_USER" --pwfile="$pwfile" --encoding=UTF8 --no-locale \
    --auth-local=trust --auth-host=scram-sha-256 > /dev/null
  : > "$pwfile"
  # Clients reach it over the pod network; every one of them must bring the password.
  echo 'host all all all scram-sha-256' >> "$PGDATA/pg_hba.conf"
  if [ "$POSTGRES_DB" != postgres ]; then
    echo "CREATE DATABASE \"$POSTGRES_DB\"" | postgres --single -D "$PGDATA" -j postgres > /dev/null
  fi
fi

exec postgres -c listen_addresses='*' -c unix_socket_directories=/tmp -c jit=off "$@"
