#!/usr/bin/env bash
# WebSocket load: the embedded stack in one JVM (Temporal dev server and a KRaft broker as child
# processes; the wallet, one session worker and the real gateway in the JVM) over a fresh PostgreSQL
# database, then BENCH_PLAYERS virtual players that register and log in through /auth, connect to
# /ws, open a slot session and bet every BENCH_INTERVAL_S seconds for BENCH_DURATION_S seconds.
# Then measures the Update floor on the same stack (100 bare workflows, one no-op local activity per
# Update) and checks the ledger's invariants. Writes bench/results/ws-load.txt, with the load
# average before and after, and prints its RESULT line:
#   RESULT ccu=<n> bets_per_s=<x> p99_ms=<after the first interval> p99_all_ms=<whole run>
#          errors=<e> floor_updates_per_s=<f> offered_over_floor=<r>
# Environment: PGHOST/PGPORT/PGUSER/PGPASSWORD (defaults 127.0.0.1/5432/croupier/croupier),
# BENCH_PLAYERS (1000), BENCH_INTERVAL_S (10), BENCH_DURATION_S (120), BENCH_SETUP_THREADS (4),
# BENCH_FLOOR_S (20), BENCH_JAVA_OPTS (extra JVM options, e.g. a JFR recording:
# -XX:StartFlightRecording=filename=bench/target/ws-load.jfr,settings=profile).
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
before=$(uptime)
# api-gateway's classes come first, so its application.yml is the one Spring Boot reads.
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
"$java_bin" -Xmx4g ${BENCH_JAVA_OPTS:-} \
  -Dbench.db.url="jdbc:postgresql://$PGHOST:$PGPORT/$db" \
  -Dbench.db.user="$PGUSER" -Dbench.db.password="$PGPASSWORD" \
  -Dbench.players="${BENCH_PLAYERS:-1000}" -Dbench.interval.s="${BENCH_INTERVAL_S:-10}" \
  -Dbench.duration.s="${BENCH_DURATION_S:-120}" -Dbench.setup.threads="${BENCH_SETUP_THREADS:-4}" \
  -Dbench.floor.s="${BENCH_FLOOR_S:-20}" \
  -Dbench.out=bench/results/ws-load.txt \
  -cp "api-gateway/target/classes:bench/target/classes:$(cat api-gateway/target/gateway-classpath.txt):$(cat bench/target/classpath.txt)" \
  dev.croupier.bench.gateway.WsLoad > bench/target/ws-load.log 2>&1 \
  || { tail -50 bench/target/ws-load.log >&2; exit 1; }
{ echo "# load average before: $before"; echo "# load average after:  $(uptime)"; } \
  >> bench/results/ws-load.txt
grep '^RESULT' bench/results/ws-load.txt
