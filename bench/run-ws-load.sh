#!/usr/bin/env bash
# WebSocket load: the embedded stack in one JVM (Temporal dev server and a KRaft broker as child
# processes; the wallet, one session worker and the real gateway in the JVM) over a fresh PostgreSQL
# database, then BENCH_PLAYERS virtual players that register and log in through /auth, connect to
# /ws, open a slot session and bet every BENCH_INTERVAL_S seconds for BENCH_DURATION_S seconds.
# Checks the ledger's invariants after. Writes bench/results/ws-load.txt and prints its RESULT line:
#   RESULT ccu=<n> bets_per_s=<x> p99_ms=<y> errors=<e>
# Environment: PGHOST/PGPORT/PGUSER/PGPASSWORD (defaults 127.0.0.1/5432/croupier/croupier),
# BENCH_PLAYERS (1000), BENCH_INTERVAL_S (10), BENCH_DURATION_S (120), BENCH_SETUP_THREADS (4).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-croupier}
export PGPASSWORD=${PGPASSWORD:-croupier}

# The gateway is an app, which bench may not link against: build it and put it on the class path.
build_bench_with_apps api-gateway gateway-classpath.txt

find_java

db=croupier_ws_load
psql -q -d postgres -c "drop database if exists $db with (force)" -c "create database $db"

mkdir -p bench/results
# api-gateway's classes come first, so its application.yml is the one Spring Boot reads.
"$java_bin" -Xmx4g \
  -Dbench.db.url="jdbc:postgresql://$PGHOST:$PGPORT/$db" \
  -Dbench.db.user="$PGUSER" -Dbench.db.password="$PGPASSWORD" \
  -Dbench.players="${BENCH_PLAYERS:-1000}" -Dbench.interval.s="${BENCH_INTERVAL_S:-10}" \
  -Dbench.duration.s="${BENCH_DURATION_S:-120}" -Dbench.setup.threads="${BENCH_SETUP_THREADS:-4}" \
  -Dbench.out=bench/results/ws-load.txt \
  -cp "api-gateway/target/classes:bench/target/classes:$(cat api-gateway/target/gateway-classpath.txt):$(cat bench/target/classpath.txt)" \
  dev.croupier.bench.gateway.WsLoad > bench/target/ws-load.log 2>&1 \
  || { tail -50 bench/target/ws-load.log >&2; exit 1; }
tail -1 bench/results/ws-load.txt
