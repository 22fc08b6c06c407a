#!/usr/bin/env bash
# bench/nodes.sh — figures of the multi-appliance cluster (issue: nodes), printed one per line:
#   node RPC round trip over mutual TLS (keep-alive, p50/p99 of 1000 calls after 2000 not counted of "version", Python's ssl client
#   with the master's certificate), gnt-node list on 3 and on 8 nodes (p50 of 5, through ./garnet, so with the
#   ssh hop), gnt-node add, RSS of a non-master appliance, ./garnet up --nodes 3 from a built tree.
#   usage: bench/nodes.sh [BIG]   (BIG: the larger cluster, default 8 nodes)
# Uses its own GARNET_HOME and the launcher's addresses (127.0.0.11…); stops everything at the end.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIG=${1:-8}
export GARNET_HOME="$(mktemp -d /tmp/garnet-bench-nodes.XXXXXX)"
G="$ROOT/garnet"
trap '"$G" down >/dev/null 2>&1; rm -rf "$GARNET_HOME"' EXIT
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
p50() { # p50 of 5 runs of a command, in ms, after 2 runs not counted (a JVM just started still compiles)
  local i t times=()
  "$@" >/dev/null 2>&1; "$@" >/dev/null 2>&1
  for i in 1 2 3 4 5; do t=$(date +%s%N); "$@" >/dev/null 2>&1; times+=("$(ms "$t")"); done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}
t=$(date +%s%N); "$G" up --nodes 3 >/dev/null || exit 1
echo "garnet up --nodes 3 (built tree, fresh homes): $(ms "$t") ms"
d="$GARNET_HOME/cluster/node1/appliance/var/lib/garnet/crypto"
openssl pkcs12 -in "$d/node.p12" -passin file:"$d/node.pass" -nodes -out "$GARNET_HOME/m.pem" 2>/dev/null
openssl pkcs12 -in "$d/cluster-ca.p12" -passin file:"$d/cluster-ca.pass" -nokeys -out "$GARNET_HOME/ca.pem" 2>/dev/null
python3 - "$GARNET_HOME" <<'PY'
import http.client, ssl, sys, time
home = sys.argv[1]
ctx = ssl.create_default_context(cafile=home + "/ca.pem")
ctx.load_cert_chain(home + "/m.pem")
c = http.client.HTTPSConnection("127.0.0.12", 1811, context=ctx)
times = []
for i in range(3000):  # the first 2000 calls warm the JIT up and are not counted
    t = time.perf_counter()
    c.request("POST", "/version", body=b"[]", headers={"Content-Type": "application/json"})
    r = c.getresponse(); r.read()
    if i >= 2000:
        times.append((time.perf_counter() - t) * 1000)
times.sort()
print("node RPC round trip over mTLS (keep-alive, 1000 calls): p50 %.2f ms, p99 %.2f ms" % (times[499], times[989]))
PY
echo "gnt-node list, 3 nodes (./garnet, p50 of 5): $(p50 "$G" gnt-node list) ms"
echo "gnt-node list -o name (no live figures, the ssh hop alone, p50 of 5): $(p50 "$G" gnt-node list -o name) ms"
pid=$(cat "$GARNET_HOME/cluster/node2/appliance/karaf.pid")
rss1=$(( $(ps -o rss= -p "$pid") / 1024 ))
sleep 30  # the JVM returns freed native memory every 10 s (-XX:TrimNativeHeapInterval) and shrinks its heap at GC
echo "RSS of a non-master appliance (node2): $rss1 MB just after the commands above, $(( $(ps -o rss= -p "$pid") / 1024 )) MB after 30 s idle"
"$G" gnt-node remove node3.garnet.test >/dev/null
t=$(date +%s%N); "$G" gnt-node add -s 127.0.1.13 node3.garnet.test >/dev/null
echo "gnt-node add (ssh set-up, node daemon start, OP_NODE_ADD): $(ms "$t") ms"
t=$(date +%s%N); "$G" up --nodes "$BIG" >/dev/null || exit 1
echo "garnet up --nodes $BIG (3 running, $((BIG - 3)) more): $(ms "$t") ms"
echo "gnt-node list, $BIG nodes (./garnet, p50 of 5, right after up): $(p50 "$G" gnt-node list) ms"
sleep 30  # the new JVMs finish starting (JIT, the Raft group's catch-up): the steady state a cluster lives in
echo "gnt-node list, $BIG nodes (./garnet, p50 of 5, after 30 s idle): $(p50 "$G" gnt-node list) ms"
