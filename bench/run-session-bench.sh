#!/usr/bin/env bash
# Game session benchmark, all on one Temporal server (the CLI dev server where it is installed,
# else the Java test server; the result file says which), with the wallet and one session worker
# in the benchmark JVM over a fresh PostgreSQL database:
#   1. floor: 100 bare workflows, closed loop, each Update running one no-op local activity;
#   2. saturation: 100 then 1,000 sessions betting in a closed loop through GameSessions;
#   3. latency: 100 sessions in an open loop offered half the floor, timed from each bet's
#      intended send time.
# Writes bench/results/session-bench.txt and prints the RESULT line:
#   RESULT bets_per_s=<x> floor_updates_per_s=<y> ratio=<x/y> p50_ms=<..> p99_ms=<..>
# Environment: PGHOST/PGPORT/PGUSER/PGPASSWORD (defaults 127.0.0.1/5432/croupier/croupier),
# BENCH_DURATION_S (20 per phase), BENCH_WARMUP_S (5).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-croupier}
export PGPASSWORD=${PGPASSWORD:-croupier}

./mvnw -B -q -pl bench -am package -DskipTests -Dmath.sheet.skip=true

find_java

mkdir -p bench/results
psql -q -d postgres -c "drop database if exists croupier_session_bench" \
  -c "create database croupier_session_bench"

"$java_bin" -Xmx3g -XX:+UseParallelGC \
  -Dbench.db.url="jdbc:postgresql://$PGHOST:$PGPORT/croupier_session_bench" \
  -Dbench.db.user="$PGUSER" -Dbench.db.password="$PGPASSWORD" \
  -Dbench.duration.s="${BENCH_DURATION_S:-20}" -Dbench.warmup.s="${BENCH_WARMUP_S:-5}" \
  -Dbench.out=bench/results/session-bench.txt \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.croupier.bench.sessions.SessionBench
tail -1 bench/results/session-bench.txt
