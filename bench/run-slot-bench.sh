#!/usr/bin/env bash
# Runs the slot JMH benchmark on one thread, BENCH_RUNS times (3), each run a JVM of its own that
# measures every benchmark in turn (engineOnly, fairRound, pluginRound), so the contract and its
# baselines are interleaved across runs. Writes:
#   bench/results/slot-spins.json  JMH's full result of every run, in run order
#   bench/results/slot-spins.txt   each run's scores with the load average before and after it, then
#                                  one RESULT line per benchmark: the median of the runs and their
#                                  spread, plus pluginRound as a fraction of fairRound
# Usage: bench/run-slot-bench.sh [extra JMH options, e.g. -wi 1 -i 1]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

./mvnw -B -q -pl bench -am package -DskipTests -Dmath.sheet.skip=true

# JMH runs on the newest installed JDK >= 21, as the build's toolchain does.
find_java

mkdir -p bench/results bench/target/slot-runs
rm -f bench/target/slot-runs/*
for run in $(seq 1 "${BENCH_RUNS:-3}"); do
  uptime > "bench/target/slot-runs/$run.load-before"
  "$java_bin" -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
    org.openjdk.jmh.Main 'dev.croupier.bench.SlotSpinBenchmark' \
    -t 1 -f 1 -rf json -rff "bench/target/slot-runs/$run.json" "$@"
  uptime > "bench/target/slot-runs/$run.load-after"
done

python3 - <<'PY' | tee bench/results/slot-spins.txt
import json, glob, os, statistics
runs = sorted(glob.glob("bench/target/slot-runs/*.json"), key=lambda p: int(os.path.basename(p).split(".")[0]))
results = [json.load(open(p)) for p in runs]
json.dump(results, open("bench/results/slot-spins.json", "w"), indent=1)
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
first = results[0][0] if results and results[0] else {}
jvm = f'{first.get("vmName", "?")} {first.get("vmVersion", "?")}'
print(f"# {cpu}; {jvm}; 1 thread; rounds (paid spins, free spins included) per second")
print(f"# {len(results)} runs, each a JVM measuring every benchmark in turn; other processes may share the machine")
scores = {}
for i, (path, run) in enumerate(zip(runs, results), 1):
    base = path[: -len(".json")]
    before = open(base + ".load-before").read().strip()
    after = open(base + ".load-after").read().strip()
    line = []
    for bench in run:
        name = bench["benchmark"].rsplit(".", 1)[1]
        score = bench["primaryMetric"]["score"]
        scores.setdefault(name, []).append(score)
        line.append(f"{name}={score:.0f}")
    print(f"run {i}: {' '.join(line)}")
    print(f"  before: {before}")
    print(f"  after:  {after}")
for name, values in scores.items():
    print(f"RESULT slot_{name}_spins_per_s={statistics.median(values):.0f} min={min(values):.0f} max={max(values):.0f}")
if "pluginRound" in scores and "fairRound" in scores:
    ratios = [p / f for p, f in zip(scores["pluginRound"], scores["fairRound"])]
    print(f"RESULT plugin_over_fair={statistics.median(ratios):.2f} min={min(ratios):.2f} max={max(ratios):.2f}")
PY
