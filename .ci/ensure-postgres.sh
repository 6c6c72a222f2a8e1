#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages when missing, starts it, and creates the croupier
# role and database used by the tests and the dev stack. Safe to run again: every step checks first.
set -euo pipefail

PG_USER=${CROUPIER_DB_USER:-croupier}
PG_PASSWORD=${CROUPIER_DB_PASSWORD:-croupier}   # local loopback dev default, not a secret
PG_DB=${CROUPIER_DB_NAME:-croupier}

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "[postgres] installing from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >/dev/null
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
  echo "[postgres] starting cluster $version/main"
  pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done

psql_admin() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ "$(psql_admin -c "select 1 from pg_roles where rolname='$PG_USER'")" != "1" ]; then
  psql_admin -c "create role $PG_USER login createdb password '$PG_PASSWORD'"
fi
if [ "$(psql_admin -c "select 1 from pg_database where datname='$PG_DB'")" != "1" ]; then
  psql_admin -c "create database $PG_DB owner $PG_USER"
fi
# One login role per context (dev default password, loopback only); the migrations grant each the
# rights on its own schema and nothing else. Production creates these with its own passwords.
for role in croupier_identity croupier_wallet croupier_game croupier_realtime croupier_admin; do
  if [ "$(psql_admin -c "select 1 from pg_roles where rolname='$role'")" != "1" ]; then
    psql_admin -c "create role $role login password '$PG_PASSWORD'" 2>/dev/null \
      || psql_admin -c "alter role $role login password '$PG_PASSWORD'"
  else
    psql_admin -c "alter role $role login password '$PG_PASSWORD'"
  fi
done
# The tests run as croupier (the migration role in dev) and watch the apps' sessions: they look at
# the context roles' lock waits in pg_stat_activity and drop their test databases "with (force)",
# which needs these two built-in roles. Production grants neither.
psql_admin -c "grant pg_read_all_stats, pg_signal_backend to $PG_USER"
echo "[postgres] ready: jdbc:postgresql://127.0.0.1:5432/$PG_DB (user $PG_USER; context roles croupier_identity, _wallet, _game, _realtime, _admin)"
