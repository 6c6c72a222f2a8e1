#!/usr/bin/env bash
# Runs the slot JMH benchmark on one thread and writes:
#   bench/results/slot-spins.json  JMH's full result
#   bench/results/slot-spins.txt   one RESULT line per benchmark, plus the machine it ran on
# Usage: bench/run-slot-bench.sh [extra JMH options, e.g. -wi 1 -i 1]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

./mvnw -B -q -pl bench -am package -DskipTests -Dmath.sheet.skip=true

# JMH runs on the newest installed JDK >= 21, as the build's toolchain does.
find_java

mkdir -p bench/results
"$java_bin" -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  org.openjdk.jmh.Main 'dev.croupier.bench.SlotSpinBenchmark' \
  -t 1 -f 1 -rf json -rff bench/results/slot-spins.json "$@"

python3 - <<'PY' | tee bench/results/slot-spins.txt
import json
runs = json.load(open("bench/results/slot-spins.json"))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
jvm = f'{runs[0].get("vmName", "?")} {runs[0].get("vmVersion", "?")}' if runs else "?"
load = open("/proc/loadavg").read().split()[:3]
print(f"# {cpu}; {jvm}; 1 thread; rounds (paid spins, free spins included) per second")
print(f"# load average after the run (other processes share the machine): {' '.join(load)}")
for run in runs:
    name = run["benchmark"].rsplit(".", 1)[1]
    score = run["primaryMetric"]["score"]
    error = float(run["primaryMetric"]["scoreError"])  # JMH writes "NaN" for one iteration
    print(f"RESULT slot_{name}_spins_per_s={score:.0f} error={error:.0f}")
PY
