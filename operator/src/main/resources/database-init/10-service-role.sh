#!/bin/sh
# Run once by the database's image at its first start, as the superuser (the official PostgreSQL image and the local
# cluster's both run /docker-entrypoint-initdb.d/*.sh): the service's own role, which may log in, owns its database
# and the public schema, and is no superuser. Harmless to run again.
set -eu
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v role="$SHOP_SERVICE_DB_USER" -v password="$SHOP_SERVICE_DB_PASSWORD" -v db="$POSTGRES_DB" <<'SQL'
SELECT format('CREATE ROLE %I', :'role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
ALTER DATABASE :"db" OWNER TO :"role";
ALTER SCHEMA public OWNER TO :"role";
SQL
