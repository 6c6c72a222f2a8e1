#!/usr/bin/env bash
# Chaos run over the production-shaped topology (topology/README.md): a steady bet load through the
# gateways' HAProxy (bench's WebSocket load tool, bench.target mode, in its own process), and one
# fault at a time while it runs:
#   (a) SIGKILL the Patroni leader            (needs the topology on Patroni: see below)
#   (b) SIGKILL gateway-1                      (its players reconnect through HAProxy to gateway-2)
#   (c) SIGKILL workers-1 mid-round
#   (d) SIGKILL Kafka broker 2                 (wallet.entries must still hold every ledger entry)
#   (e) restart the Temporal server's process  (SIGTERM; the topology starts it again)
#   (f) point-in-time recovery of the WAL archive (needs the topology on Patroni)
# The topology, like a service manager, starts every killed process again. Each fault's line gives
# the seconds until a new bet was posted in the ledger after it (flow_s: bets of the players on the
# other gateway or worker keep flowing, so this is the platform's gap, not the process's) and until
# the topology listed the process as running again (back_s: checked once the flow resumed, so
# never below flow_s). After the load: the ledger's invariants, exactly-once (every bet answered with
# bet.result posted once: lost, doubled) and wallet.entries against the ledger. Writes
# bench/results/chaos.txt, ending `RESULT faults=<n> lost=<x> doubled=<y>`, where n counts the
# faults injected; a fault that cannot run here is listed as NOT RUN with the reason.
#
# Uses a running topology (CROUPIER_TOPOLOGY_DIR, default .croupier/topology, has a pids file) or
# starts one (and stops it at the end). Bounded: CHAOS_DURATION_S of load (default 900), each
# recovery waited for at most CHAOS_RECOVERY_MAX_S (default 300: an app restarts in 2-3 minutes on
# this loaded 2-core box).
# Environment: CHAOS_PLAYERS (20), CHAOS_INTERVAL_S (2), CHAOS_SETTLE_S (20, between faults),
# CHAOS_SKIP_BUILD=1 to use what is built; the database as the topology's (CROUPIER_TOPOLOGY_DB_*).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

STATE=${CROUPIER_TOPOLOGY_DIR:-$PWD/.croupier/topology}
PROXY=http://127.0.0.1:15080
KAFKA=127.0.0.1:15092,127.0.0.1:15093,127.0.0.1:15094
DB_HOST=${CROUPIER_TOPOLOGY_DB_HOST:-127.0.0.1}
DB_PORT=${CROUPIER_TOPOLOGY_DB_PORT:-5432}
DB_NAME=${CROUPIER_TOPOLOGY_DB_NAME:-croupier_topology}
DB_URL="jdbc:postgresql://$DB_HOST:$DB_PORT/$DB_NAME"
PLAYERS=${CHAOS_PLAYERS:-20}
INTERVAL=${CHAOS_INTERVAL_S:-2}
DURATION=${CHAOS_DURATION_S:-900}
SETTLE=${CHAOS_SETTLE_S:-20}
RECOVERY_MAX=${CHAOS_RECOVERY_MAX_S:-300}
export PGPASSWORD=${CROUPIER_DB_PASSWORD:-croupier}

if [ "${CHAOS_SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q -pl wallet-ledger/server,workers,api-gateway,admin,realtime,topology,bench -am package \
    -DskipTests -Dmath.sheet.skip=true
  ./mvnw -B -q -pl topology,bench dependency:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile=target/classpath.txt
fi
find_java
mkdir -p bench/target bench/results

topology_pid=""
load_pid=""
cleanup() {
  [ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null || true
  if [ -n "$topology_pid" ]; then
    kill -TERM "$topology_pid" 2>/dev/null || true
    wait "$topology_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

if [ ! -f "$STATE/pids" ]; then
  echo "[chaos] starting the topology (log: bench/target/chaos-topology.log; a few minutes)"
  "$java_bin" -Xmx256m -cp "topology/target/classes:$(cat topology/target/classpath.txt)" \
    dev.croupier.topology.Topology > bench/target/chaos-topology.log 2>&1 &
  topology_pid=$!
  for _ in $(seq 1 1200); do
    grep -q "Croupier topology is up" bench/target/chaos-topology.log && break
    kill -0 "$topology_pid" 2>/dev/null || { tail -5 bench/target/chaos-topology.log >&2; exit 2; }
    sleep 1
  done
  grep -q "Croupier topology is up" bench/target/chaos-topology.log \
    || { echo "[chaos] the topology did not come up in 20 min; see bench/target/chaos-topology.log" >&2; exit 2; }
fi

pid_of() { awk -v n="$1" '$1 == n { print $2 }' "$STATE/pids"; }
posted() {
  psql -h "$DB_HOST" -p "$DB_PORT" -U croupier -d "$DB_NAME" -Atc \
    "select count(*) from wallet.transaction where kind = 'BET_AND_WIN'"
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# Seconds from $1 until a bet is posted beyond count $2, or "none" after RECOVERY_MAX.
await_flow() {
  local t0=$1 before=$2 deadline=$(( $(date +%s) + RECOVERY_MAX ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    [ "$(posted)" -gt "$before" ] && { since "$t0"; return; }
    sleep 0.5
  done
  echo none
}
# Seconds from $1 until the topology lists process $2 with another pid than $3.
await_back() {
  local t0=$1 name=$2 old=$3 deadline=$(( $(date +%s) + RECOVERY_MAX ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    local pid; pid=$(pid_of "$name" 2>/dev/null || true)
    [ -n "$pid" ] && [ "$pid" != "$old" ] && kill -0 "$pid" 2>/dev/null && { since "$t0"; return; }
    sleep 0.5
  done
  echo none
}

lines=()
faults=0
before_uptime=$(uptime)
echo "[chaos] load: $PLAYERS players through $PROXY, a bet every $INTERVAL s, for $DURATION s"
"$java_bin" -Xmx512m -Dbench.target="$PROXY" -Dbench.players="$PLAYERS" \
  -Dbench.interval.s="$INTERVAL" -Dbench.duration.s="$DURATION" -Dbench.setup.threads=2 \
  -Dbench.players.per.address=5 -Dbench.db.url="$DB_URL" -Dbench.kafka="$KAFKA" \
  -Dbench.out=bench/target/chaos-load.txt \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.croupier.bench.gateway.WsLoad > bench/target/chaos-load.log 2>&1 &
load_pid=$!

start=$(posted)
flow=$(await_flow "$(now)" "$start")
[ "$flow" != none ] || { echo "[chaos] no bet was posted: see bench/target/chaos-load.log" >&2; exit 1; }
echo "[chaos] bets flowing"
sleep "$SETTLE"

inject() { # name, process in the pids file, signal, description
  local name=$1 process=$2 signal=$3 what=$4 pid t0 count flow back
  # A process still coming back from an earlier fault is waited for (the topology lists its new
  # pid once it is ready).
  local deadline=$(( $(date +%s) + RECOVERY_MAX ))
  pid=$(pid_of "$process")
  while [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do
    sleep 1
    pid=$(pid_of "$process")
  done
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
    lines+=("fault $name $what: NOT RUN ($process is not running: see $STATE/pids)")
    return
  fi
  count=$(posted)
  t0=$(now)
  kill "-$signal" "$pid"
  flow=$(await_flow "$t0" "$count")
  back=$(await_back "$t0" "$process" "$pid")
  faults=$((faults + 1))
  lines+=("fault $name $what: SIG$signal pid $pid; flow_s=$flow back_s=$back")
  echo "[chaos] ${lines[-1]}"
  sleep "$SETTLE"
}

if [ -n "$(pid_of patroni-leader 2>/dev/null)" ]; then
  inject a patroni-leader KILL "SIGKILL the Patroni leader"
else
  lines+=("fault a SIGKILL the Patroni leader: NOT RUN (this topology runs on one PostgreSQL; Patroni is topodb's part)")
fi
inject b gateway-1 KILL "kill one gateway"
inject c workers-1 KILL "kill a worker mid-round"
inject d kafka-2 KILL "kill a Kafka broker"
inject e temporal-server TERM "restart the Temporal server"
lines+=("fault f point-in-time recovery: NOT RUN (needs the topology on Patroni with its WAL archive)")

echo "[chaos] faults done; waiting for the load to finish (at most $DURATION s after its start)"
wait "$load_pid" || true
load_pid=""
result=$(grep '^RESULT' bench/target/chaos-load.txt 2>/dev/null || true)
[ -n "$result" ] || { tail -30 bench/target/chaos-load.log >&2; echo "[chaos] the load wrote no RESULT" >&2; exit 1; }
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$result"; }
lost=$(( $(field lost) + $(field entries_missing) + $(field entries_different) ))
doubled=$(field doubled)
{
  echo "# chaos run over the topology: $PLAYERS players through HAProxy, a bet every $INTERVAL s, $DURATION s"
  echo "# load average before: $before_uptime"
  printf '%s\n' "${lines[@]}"
  echo "# the load's report:"
  grep -v '^RESULT' bench/target/chaos-load.txt
  echo "# load average after:  $(uptime)"
  echo "$result" | sed 's/^RESULT/load/'
  echo "RESULT faults=$faults lost=$lost doubled=$doubled"
} > bench/results/chaos.txt
tail -1 bench/results/chaos.txt
