#!/bin/sh
# PostgreSQL with the usual image contract: POSTGRES_PASSWORD (required), POSTGRES_USER (postgres),
# POSTGRES_DB (= user), PGDATA and /docker-entrypoint-initdb.d. Initialises the cluster on first start, then runs
# the server.
set -eu
: "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
POSTGRES_USER=${POSTGRES_USER:-postgres}
POSTGRES_DB=${POSTGRES_DB:-$POSTGRES_USER}
export PGDATA=${PGDATA:-/var/lib/postgresql/data/pgdata}

INIT_SCRIPTS=/docker-entrypoint-initdb.d
INIT_STATE=$PGDATA/.initdb-scripts # "pending" until every script ran: a crash in between runs them again

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
  echo pending > "$INIT_STATE"
fi

# As the official image does: the *.sh scripts of /docker-entrypoint-initdb.d run once, as the superuser, against a
# server no one else can reach yet (the operator's create the service's own, unprivileged role).
init_state=done
[ ! -f "$INIT_STATE" ] || read -r init_state < "$INIT_STATE" # the image has a shell and PostgreSQL, no coreutils
if [ "$init_state" = pending ]; then
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -c unix_socket_directories=/tmp" -w start > /dev/null
  for script in "$INIT_SCRIPTS"/*.sh; do
    [ -e "$script" ] || continue
    PGHOST=/tmp sh "$script"
  done
  pg_ctl -D "$PGDATA" -m fast -w stop > /dev/null
  echo done > "$INIT_STATE"
fi

exec postgres -c listen_addresses='*' -c unix_socket_directories=/tmp -c jit=off "$@"
