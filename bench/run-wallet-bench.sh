#!/usr/bin/env bash
# Wallet benchmark. First pgbench's built-in tpcb-like (scale 10, 32 clients, 30 s) against the
# local PostgreSQL, then PostTransaction through gRPC with 64 concurrent callers for 30 s against a
# fresh wallet database seeded with 1M past entries (vacuumed and analyzed). Writes
# bench/results/wallet-bench.txt (and wallet-pgbench.txt) and prints the RESULT line:
#   RESULT wallet_posts_per_s=<x> pgbench_tpcb_tps=<y> ratio=<x/y> p50_ms=<..> p99_ms=<..>
# Needs the PostgreSQL that .ci/ensure-postgres.sh sets up (role croupier may create databases).
# Environment: PGHOST/PGPORT/PGUSER/PGPASSWORD (defaults 127.0.0.1/5432/croupier/croupier),
# BENCH_DURATION_S (30), BENCH_CALLERS (64), BENCH_COMMITTERS (1), BENCH_MAX_BATCH (128).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-croupier}
export PGPASSWORD=${PGPASSWORD:-croupier}
duration=${BENCH_DURATION_S:-30}
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
pgbench=${PGBENCH:-${pg_bin:+$pg_bin/}pgbench}
command -v "$pgbench" >/dev/null || { echo "pgbench not found; install postgresql-contrib or set PGBENCH" >&2; exit 1; }

./mvnw -B -q -pl bench -am package -DskipTests -Dmath.sheet.skip=true

find_java

mkdir -p bench/results
psql -q -d postgres -c "drop database if exists croupier_pgbench" -c "create database croupier_pgbench"
psql -q -d postgres -c "drop database if exists croupier_wallet_bench" -c "create database croupier_wallet_bench"

echo "pgbench tpcb-like: scale 10, 32 clients, ${duration} s"
"$pgbench" -i -q -s 10 croupier_pgbench
"$pgbench" -b tpcb-like -c 32 -j 2 -T "$duration" croupier_pgbench | tee bench/results/wallet-pgbench.txt
tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' bench/results/wallet-pgbench.txt | tail -1)
psql -q -d postgres -c "drop database croupier_pgbench"

"$java_bin" -Xmx2g -XX:+UseParallelGC \
  -Dbench.db.url="jdbc:postgresql://$PGHOST:$PGPORT/croupier_wallet_bench" \
  -Dbench.db.user="$PGUSER" -Dbench.db.password="$PGPASSWORD" \
  -Dbench.pgbench.tps="$tps" -Dbench.duration.s="$duration" \
  -Dbench.callers="${BENCH_CALLERS:-64}" -Dbench.committers="${BENCH_COMMITTERS:-1}" \
  -Dbench.maxBatch="${BENCH_MAX_BATCH:-128}" \
  -Dbench.out=bench/results/wallet-bench.txt \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.croupier.bench.wallet.WalletBench
