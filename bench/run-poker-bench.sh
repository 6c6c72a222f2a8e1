#!/usr/bin/env bash
# Runs the poker hand-evaluator JMH benchmark on one thread and writes:
#   bench/results/poker-evaluator.json  JMH's full result
#   bench/results/poker-evaluator.txt   the machine it ran on, and RESULT evaluations_per_s=<x>
# Usage: bench/run-poker-bench.sh [extra JMH options, e.g. -wi 1 -i 1]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

./mvnw -B -q -pl bench -am package -DskipTests -Dmath.sheet.skip=true

# JMH runs on the newest installed JDK >= 21, as the build's toolchain does.
find_java

mkdir -p bench/results
"$java_bin" -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  org.openjdk.jmh.Main 'dev.croupier.bench.poker.HandEvaluatorBenchmark' \
  -t 1 -f 1 -rf json -rff bench/results/poker-evaluator.json "$@"

python3 - <<'PY' | tee bench/results/poker-evaluator.txt
import json
runs = json.load(open("bench/results/poker-evaluator.json"))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
jvm = f'{runs[0].get("vmName", "?")} {runs[0].get("vmVersion", "?")}' if runs else "?"
load = open("/proc/loadavg").read().split()[:3]
print(f"# {cpu}; {jvm}; 1 thread; random 7-card hands, one evaluation per operation")
print(f"# load average after the run (other processes share the machine): {' '.join(load)}")
run = runs[0]
score = run["primaryMetric"]["score"]
error = float(run["primaryMetric"]["scoreError"])  # JMH writes "NaN" for one iteration
iterations = " ".join(f"{v:.0f}" for fork in run["primaryMetric"]["rawData"] for v in fork)
print(f"# error (99.9% CI half-width) = {error:.0f} evaluations/s; iterations: {iterations}")
print(f"RESULT evaluations_per_s={score:.0f}")
PY
