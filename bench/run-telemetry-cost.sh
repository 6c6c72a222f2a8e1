#!/usr/bin/env bash
# What metrics and tracing cost a bet: the session benchmark with them on and off, interleaved in
# one invocation (off, on, off, on, ...; BENCH_AB_RUNS pairs, 3 by default), each run its own JVM,
# Temporal dev server and wallet over a fresh database. "on" wires the worker, its wallet client and
# the wallet as the apps wire them (Temporal SDK metrics and tracing interceptors, gRPC
# observations, the ledger's meters and spans, every bet in a root span like the gateway's frame,
# every span exported over OTLP/HTTP to a local sink, a Prometheus registry scraped every 5 s);
# "off" has none of it. Each run measures 100 sessions betting in a closed loop, then the open-loop
# latency at a fixed rate (BENCH_OPEN_RATE bets/s, 40 by default).
# Writes bench/results/telemetry-cost.txt (every run, the machine's load before each, medians and
# spreads) and prints its RESULT line. This box is noisy: compare medians, read the spreads.
# Environment: PGHOST/PGPORT/PGUSER/PGPASSWORD (as run-session-bench.sh), BENCH_DURATION_S (15),
# BENCH_WARMUP_S (5), BENCH_AB_RUNS (3), BENCH_OPEN_RATE (40).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-croupier}
export PGPASSWORD=${PGPASSWORD:-croupier}
runs=${BENCH_AB_RUNS:-3}
rate=${BENCH_OPEN_RATE:-40}

./mvnw -B -q -pl bench -am package -DskipTests -Dmath.sheet.skip=true
find_java

mkdir -p bench/results
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
started=$(date -u +"%Y-%m-%d %H:%M UTC")
: > "$work/runs.txt"
for i in $(seq 1 "$runs"); do
  for mode in off on; do
    psql -q -d postgres -c "drop database if exists croupier_telemetry_bench" \
      -c "create database croupier_telemetry_bench"
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    "$java_bin" -Xmx3g -XX:+UseParallelGC \
      -Dbench.db.url="jdbc:postgresql://$PGHOST:$PGPORT/croupier_telemetry_bench" \
      -Dbench.db.user="$PGUSER" -Dbench.db.password="$PGPASSWORD" \
      -Dbench.duration.s="${BENCH_DURATION_S:-15}" -Dbench.warmup.s="${BENCH_WARMUP_S:-5}" \
      -Dbench.telemetry="$mode" -Dbench.phases=ab -Dbench.open.rate="$rate" \
      -Dbench.out="$work/run.txt" \
      -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
      dev.croupier.bench.sessions.SessionBench > "$work/run-$i-$mode.log" 2>&1
    echo "pair=$i load_before=\"$load\" $(tail -1 "$work/run.txt")" | tee -a "$work/runs.txt"
  done
done
psql -q -d postgres -c "drop database if exists croupier_telemetry_bench"

python3 - "$work/runs.txt" "$started" "$(nproc)" > bench/results/telemetry-cost.txt <<'PY'
import re, statistics, sys
rows = [dict(re.findall(r'(\w+)=("[^"]*"|\S+)', line)) for line in open(sys.argv[1])]
def values(mode, key):
    return [float(r[key]) for r in rows if r["telemetry"] == mode]
print(f"# Session benchmark with metrics and tracing off and on, interleaved ({sys.argv[2]}, {sys.argv[3]} cores)")
for r in rows:
    print(" ".join(f"{k}={v}" for k, v in r.items()))
summary = {}
for key in ("bets_per_s", "p50_ms", "p99_ms"):
    for mode in ("off", "on"):
        v = values(mode, key)
        summary[(key, mode)] = statistics.median(v)
        print(f"{key} {mode}: median {statistics.median(v):.1f}, min {min(v):.1f}, max {max(v):.1f} over {len(v)} runs")
cost = (1 - summary[("bets_per_s", "on")] / summary[("bets_per_s", "off")]) * 100
print("RESULT throughput_off=%.1f throughput_on=%.1f throughput_cost_pct=%.1f p50_off_ms=%.1f p50_on_ms=%.1f p99_off_ms=%.1f p99_on_ms=%.1f" % (
    summary[("bets_per_s", "off")], summary[("bets_per_s", "on")], cost,
    summary[("p50_ms", "off")], summary[("p50_ms", "on")],
    summary[("p99_ms", "off")], summary[("p99_ms", "on")]))
PY
tail -1 bench/results/telemetry-cost.txt
