#!/usr/bin/env bash
# Player search benchmark: seeds 1,000,000 players into a database of its own (kept between runs,
# so only the first run pays for the seeding), starts the real gateway from its runnable jar, and
# times SearchPlayers calls over the staff API (mutual TLS, as admin). Writes
# bench/results/admin-search.txt and prints its RESULT: RESULT players=<n> p95_ms=<x>
# Needs the PostgreSQL that .ci/ensure-postgres.sh sets up. Environment: PGHOST/PGPORT/PGUSER/
# PGPASSWORD (127.0.0.1/5432/croupier/croupier), BENCH_PLAYERS (1000000), BENCH_QUERIES (2000 a
# run), BENCH_RUNS (3), BENCH_FRESH=1 to seed again.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-croupier}
export PGPASSWORD=${PGPASSWORD:-croupier}

./mvnw -B -q -pl api-gateway,bench -am package -DskipTests -Dmath.sheet.skip=true
find_java
jar=$(ls api-gateway/target/api-gateway-*-exec.jar | head -n 1)

db=croupier_search_bench
if [ "${BENCH_FRESH:-0}" = "1" ]; then
  psql -q -d postgres -c "drop database if exists $db with (force)"
fi
psql -qAt -d postgres -c "select 1 from pg_database where datname = '$db'" | grep -q 1 \
  || psql -q -d postgres -c "create database $db"

mkdir -p bench/results
"$java_bin" -Xmx1g \
  -Dbench.db.url="jdbc:postgresql://$PGHOST:$PGPORT/$db" \
  -Dbench.db.user="$PGUSER" -Dbench.db.password="$PGPASSWORD" \
  -Dbench.players="${BENCH_PLAYERS:-1000000}" -Dbench.queries="${BENCH_QUERIES:-2000}" \
  -Dbench.runs="${BENCH_RUNS:-3}" -Dbench.gateway.jar="$jar" \
  -Dbench.out=bench/results/admin-search.txt \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.croupier.bench.admin.PlayerSearchBench 2>&1 | tee bench/target/admin-search-bench.log | grep -E "seeded [0-9]+ players|RESULT" || true
grep '^RESULT' bench/results/admin-search.txt
