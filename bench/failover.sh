#!/usr/bin/env bash
# Automatic failover time on three appliances (./garnet up --nodes 3, all master candidates): kill -9 of the
# master, then the time until a RAPI write (a cluster tag, a job) is accepted on the cluster IP by the new
# master; the killed appliance is started again and the next round kills the master of the moment.
# Usage: bench/failover.sh [ROUNDS]   (default 3). Own GARNET_HOME; stops what it started.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export GARNET_HOME="$(mktemp -d /tmp/garnet-failover-bench.XXXXXX)"
G="$ROOT/garnet"
trap '"$G" down >/dev/null 2>&1; pkill -9 -f "$GARNET_HOME/cluster/node" 2>/dev/null; rm -rf "$GARNET_HOME"' EXIT
rounds="${1:-3}"
ms() { echo $(( $(date +%s%N) / 1000000 )); }
"$G" up --nodes 3 >/dev/null 2>&1 || { echo "failover bench: ./garnet up --nodes 3 failed"; exit 1; }
read -r user pw < <("$G" credentials)
write() { curl -sk --max-time 2 -u "$user:$pw" -X PUT "https://127.0.0.10:5080/2/tags?tag=bench$1" 2>/dev/null; }
all=()
for r in $(seq 1 "$rounds"); do
  # bounded: the cluster takes writes and every candidate answers before the kill
  for _ in $(seq 1 120); do
    [[ "$(write "pre$r")" =~ ^[0-9]+$ ]] && [ "$("$G" gnt-cluster verify >/dev/null 2>&1; echo $?)" = 0 ] && break
    sleep 1
  done
  master=$("$G" gnt-cluster getmaster)
  k=${master#node}; k=${k%%.*}
  t0=$(ms)
  kill -9 "$(cat "$GARNET_HOME/cluster/node$k/appliance/karaf.pid")"
  ok=""
  for _ in $(seq 1 300); do   # bounded: 30 s
    [[ "$(write "$r")" =~ ^[0-9]+$ ]] && { ok=1; break; }
    sleep 0.05
  done
  took=$(( $(ms) - t0 ))
  [ -n "$ok" ] || { echo "failover bench: round $r: no RAPI write accepted within 30 s"; exit 1; }
  echo "round $r: $master killed; $("$G" gnt-cluster getmaster) took writes after $took ms"
  all+=("$took")
  "$G" up --nodes 3 >/dev/null 2>&1
done
sorted=$(printf '%s\n' "${all[@]}" | sort -n)
echo "failover (kill -9 of the master to a RAPI write on the cluster IP), $rounds rounds:" \
  "min $(head -1 <<<"$sorted") ms, median $(sed -n "$(( (rounds + 1) / 2 ))p" <<<"$sorted") ms," \
  "max $(tail -1 <<<"$sorted") ms (goal 5,000 ms, floor 10,000 ms)"
