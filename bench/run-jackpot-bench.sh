#!/usr/bin/env bash
# Jackpot latency benchmark: one BET_AND_WIN with a jackpot contribution leg every BENCH_PACE_MS
# over gRPC for BENCH_DURATION_S against a fresh wallet database, with the outbox relay, a KRaft
# broker, the realtime app's jackpot aggregator (interval BENCH_INTERVAL_MS) and a jackpot.updates
# reader in one JVM. Writes bench/results/jackpot-latency.txt and prints the RESULT line:
#   RESULT jackpot_latency_p50_ms=<x> jackpot_latency_p99_ms=<y>
# (post acknowledged -> the jackpot.updates record that includes it, at a reader). The file also
# has the wallet->outbox->Kafka->aggregator latency, without the wait for the next interval.
# Needs the PostgreSQL that .ci/ensure-postgres.sh sets up (role croupier may create databases).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-croupier}
export PGPASSWORD=${PGPASSWORD:-croupier}

# The aggregator is the realtime app's class; bench may not depend on an app, so it goes on the
# class path.
build_bench_with_apps realtime app-classpath.txt

find_java

mkdir -p bench/results
psql -q -d postgres -c "drop database if exists croupier_jackpot_bench" \
  -c "create database croupier_jackpot_bench"

"$java_bin" -Xmx1g \
  -Dbench.db.url="jdbc:postgresql://$PGHOST:$PGPORT/croupier_jackpot_bench" \
  -Dbench.db.user="$PGUSER" -Dbench.db.password="$PGPASSWORD" \
  -Dbench.interval.ms="${BENCH_INTERVAL_MS:-3000}" -Dbench.duration.s="${BENCH_DURATION_S:-60}" \
  -Dbench.pace.ms="${BENCH_PACE_MS:-50}" \
  -Dbench.out="${BENCH_OUT:-bench/results/jackpot-latency.txt}" \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt):realtime/target/classes:$(cat realtime/target/app-classpath.txt)" \
  dev.croupier.bench.realtime.JackpotLatencyBench

psql -q -d postgres -c "drop database croupier_jackpot_bench"
