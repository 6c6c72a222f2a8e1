#!/usr/bin/env bash
# Poker table benchmark: hands per second through the table workflow, on one Temporal server (the
# CLI dev server where it is installed, else the Java test server; the result file says which),
# with the wallet and one table worker in the benchmark JVM over a fresh PostgreSQL database.
# For 1, 4 and 16 tables in parallel, three bots per table play in a closed loop through the
# GameTables facade (a view query, then an act Update); every buy-in and rake is a ledger post,
# every event an outbox row with sealed hole cards. Before the tables, measures the Update floor on
# the same server (100 bare workflows, one no-op local activity per Update, one phase long).
# Writes bench/results/table-bench.txt, with the load average before and after, and prints the
# RESULT line (for 4 tables):
#   RESULT hands_per_s=<x> tables=4 actions_per_s=<y> floor_updates_per_s=<f> hand_p50_ms=<..>
#          act_p50_ms=<..> act_p99_ms=<..>
# Environment: PGHOST/PGPORT/PGUSER/PGPASSWORD (defaults 127.0.0.1/5432/croupier/croupier),
# BENCH_TABLES (1,4,16), BENCH_DURATION_S (30 per phase), BENCH_WARMUP_S (5).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-croupier}
export PGPASSWORD=${PGPASSWORD:-croupier}

./mvnw -B -q -pl bench -am package -DskipTests -Dmath.sheet.skip=true

find_java

mkdir -p bench/results
psql -q -d postgres -c "drop database if exists croupier_table_bench" \
  -c "create database croupier_table_bench"

before=$(cut -d' ' -f1-3 /proc/loadavg)
"$java_bin" -Xmx2g -XX:+UseParallelGC \
  -Dbench.db.url="jdbc:postgresql://$PGHOST:$PGPORT/croupier_table_bench" \
  -Dbench.db.user="$PGUSER" -Dbench.db.password="$PGPASSWORD" \
  -Dbench.tables="${BENCH_TABLES:-1,4,16}" \
  -Dbench.duration.s="${BENCH_DURATION_S:-30}" -Dbench.warmup.s="${BENCH_WARMUP_S:-5}" \
  -Dbench.out=bench/results/table-bench.txt \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.croupier.bench.tables.TableBench
load=$(cut -d' ' -f1-3 /proc/loadavg)
sed -i "\$i # load average before the run: $before; after it (other processes share the machine): $load" \
  bench/results/table-bench.txt
tail -1 bench/results/table-bench.txt
