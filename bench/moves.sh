#!/usr/bin/env bash
# bench/moves.sh — moving instances between two appliances (./garnet up --nodes 2) with the fake hypervisor,
# through the RAPI as a client would (submit, then poll /2/jobs/ID every 10 ms until final):
#   gnt-instance migrate and failover of one sharedfile instance, back and forth ROUNDS times (after 5 not
#   counted): p50/p90 of the client's wait (submit to final) and of the job's own time (received to end);
#   gnt-node migrate of a node with MANY instances (the node job plus its MANY jobs, all ended).
#   Ganeti 3.0.2 on two nodes took 1.8 s (migrate) and 1.5 s (failover) (issue 15).
#   gnt-instance move of a file instance with a 1 GiB disk, node to node, with each --compress: the rate of the
#   copy as the job reports it (disk data per second) and the whole command's time; once with the disk full of
#   random data (nothing to compress), once with a quarter random and the rest zeros (a mostly empty image).
#   Goal (issue 15): >= 300 MB/s with and without compression. The first two copies after the appliances
#   started are timed on their own (the JIT has not compiled TLS's AES-GCM yet), then each tool and data kind.
#   JIT=full (the default) runs the appliances as a node on a machine of its own runs, with both JIT tiers;
#   JIT=c1 as the launcher runs several appliances on one machine for the tests (the client compiler only,
#   -XX:TieredStopAtLevel=1, for memory): AES-GCM has no C1 intrinsic, TLS runs in unoptimised Java and a copy
#   crawls at ~30 MiB/s.
#   EVAC (30) creations at once placed by hail, with and without --opportunistic-locking; gnt-node evacuate of
#   EVAC instances (parallel jobs) against the same moves one at a time.
#   usage: [PARTS="moves copy evac"] bench/moves.sh [ROUNDS] [MANY] [EVAC]   (defaults 20, 10 and 30; PARTS
#   picks the parts to run: moves = migrate/failover/node migrate, copy = the 1 GiB moves, evac = creations and
#   evacuation; COPY=0 is the old way of saying PARTS="moves evac")
# Own GARNET_HOME, the launcher's addresses (127.0.0.11…); stops everything at the end.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS=${1:-20}; MANY=${2:-10}; EVAC=${3:-30}
PARTS=${PARTS:-moves copy evac}; [ "${COPY:-1}" = 0 ] && PARTS=${PARTS/copy/}
part() { [[ " $PARTS " == *" $1 "* ]]; }
export GARNET_HOME="$(mktemp -d /tmp/garnet-bench-moves.XXXXXX)"
G="$ROOT/garnet"
trap '"$G" down >/dev/null 2>&1; rm -rf "$GARNET_HOME"' EXIT
if [ "${JIT:-full}" = full ]; then
  export EXTRA_JAVA_OPTS="${EXTRA_JAVA_OPTS:--Xms64m -Xmx384m -XX:+UseSerialGC}"
fi
echo "appliances JIT: ${JIT:-full} (${EXTRA_JAVA_OPTS:-default options of the launcher})"
"$G" up --nodes 2 >/dev/null || exit 1
img="$GARNET_HOME/test.img"; truncate -s 8M "$img"
part moves && for i in $(seq 0 "$MANY"); do
  "$G" gnt-instance add -t sharedfile -s 1G -o image -O image_file="$img" --no-name-check --no-ip-check \
    -n node1.garnet.test "m$i.garnet.test" >/dev/null 2>&1 || { echo "creating m$i failed"; exit 1; }
done
read -r user pw < <("$G" credentials)
part moves && python3 - "$user" "$pw" "$ROUNDS" "$MANY" <<'PY'
import base64, json, ssl, statistics, sys, time, http.client
user, pw, rounds, many = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
ctx = ssl._create_unverified_context()
auth = "Basic " + base64.b64encode(f"{user}:{pw}".encode()).decode()
conn = http.client.HTTPSConnection("127.0.0.11", 5080, context=ctx)
def req(method, path, body=None):
    conn.request(method, path, body=None if body is None else json.dumps(body),
                 headers={"Authorization": auth, "Content-Type": "application/json"})
    r = conn.getresponse(); data = r.read()
    if r.status != 200:
        raise SystemExit(f"{method} {path}: {r.status} {data[:200]}")
    return json.loads(data)
def wait(job):
    while True:
        j = req("GET", f"/2/jobs/{job}")
        if j["status"] in ("success", "error", "canceled"):
            if j["status"] != "success":
                raise SystemExit(f"job {job}: {j['status']} {j['opresult']}")
            return j
        time.sleep(0.01)
def ts(t):
    return t[0] + t[1] / 1e6
nodes = ["node1.garnet.test", "node2.garnet.test"]
def move(verb, rounds, where):
    client, own = [], []
    for r in range(rounds + 5):
        where = 1 - where
        t = time.perf_counter()
        job = req("PUT", f"/2/instances/m0.garnet.test/{verb}", {"target_node": nodes[where]})
        j = wait(job)
        if r >= 5:
            client.append((time.perf_counter() - t) * 1000)
            own.append((ts(j["end_ts"]) - ts(j["received_ts"])) * 1000)
    def p(xs, q): xs = sorted(xs); return xs[min(len(xs) - 1, int(q * len(xs)))]
    print(f"gnt-instance {verb} ({rounds} rounds): client p50 {p(client, .5):.0f} ms, p90 {p(client, .9):.0f} ms;"
          f" the job itself p50 {p(own, .5):.0f} ms, p90 {p(own, .9):.0f} ms  (Ganeti 3.0.2: "
          f"{'1.8' if verb == 'migrate' else '1.5'} s)")
    return where
where = move("migrate", rounds, 0)
where = move("failover", rounds, where)
src = nodes[where]
t = time.perf_counter()
job = req("POST", f"/2/nodes/{src}/migrate", {"target_node": nodes[1 - where]})
j = wait(job)
ids = [x[1] for x in j["opresult"][0]["jobs"]]
for i in ids:
    wait(i)
print(f"gnt-node migrate of a node with {len(ids)} instances (node job and its {len(ids)} jobs ended): "
      f"{(time.perf_counter() - t) * 1000:.0f} ms")
PY

# gnt-instance move throughput, 1 GiB file disk (COPY=0 skips it)
if part copy; then
"$G" gnt-instance add -t file -s 1G -o image -O image_file="$img" --no-name-check --no-ip-check \
  -n node1.garnet.test big.garnet.test >/dev/null 2>&1 || { echo "creating big failed"; exit 1; }
disk() { find "$GARNET_HOME/cluster/node$1" -path "*/big.garnet.test/*.file.disk0" 2>/dev/null | head -1; }
on=1
move() { # move big to the other node with --compress=$1; prints the copy's rate and the command's time
  local to=$((3 - on)) t0 ms out rate wire
  t0=$(date +%s%N)
  out=$("$G" gnt-instance move -f -n node$to.garnet.test --compress=$1 big.garnet.test 2>&1) \
    || { echo "move failed: $out"; exit 1; }
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  rate=$(sed -n 's/^.*disk\/0 sent \([^,]*\), \([0-9.]* MiB\/s\).*$/\1 at \2/p' <<<"$out" | head -1)
  wire=$(sed -n 's/^.*MiB\/s, \(.*\) on the wire.*$/, \1 on the wire/p' <<<"$out" | head -1)
  echo "copy $rate$wire; whole command $ms ms"
  on=$to
}
dd if=/dev/urandom of="$(disk $on)" bs=1M count=1024 conv=notrunc status=none
printf '%s' "gnt-instance move, 1 GiB file disk (random data), the first copy since the start: "; move none
printf '%s' "gnt-instance move, 1 GiB file disk (random data), the second copy (still warming up): "; move none
for data in random quarter; do
  f=$(disk $on)
  if [ $data = random ]; then
    dd if=/dev/urandom of="$f" bs=1M count=1024 conv=notrunc status=none
  else
    dd if=/dev/zero of="$f" bs=1M count=1024 conv=notrunc status=none
    for at in 0 300 600 900; do
      dd if=/dev/urandom of="$f" bs=1M count=64 seek=$at conv=notrunc status=none
    done
  fi
  for tool in none gzip-fast gzip-slow; do
    printf '%s' "gnt-instance move, 1 GiB file disk ($data data), --compress=$tool: "; move "$tool"
  done
done
fi

# room for EVAC more instances: the cluster's vcpu ratio (Ganeti's default 4 per physical CPU; these nodes
# report the machine's 2 CPUs) raised to 32
if part evac; then "$G" gnt-cluster modify --ipolicy-vcpu-ratio=32 >/dev/null || { echo "gnt-cluster modify failed"; exit 1; }; fi
# EVAC creations submitted at once and placed by hail, with --opportunistic-locking (each job locks the nodes it
# can get) and without (each locks every node); then an evacuation of EVAC instances: gnt-node evacuate (one
# job per instance, run in parallel) against the same moves one at a time (a migrate job each, each waited for)
part evac && python3 - "$user" "$pw" "$EVAC" "$img" <<'PY'
import base64, json, ssl, sys, time, http.client
user, pw, n, img = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
ctx = ssl._create_unverified_context()
auth = "Basic " + base64.b64encode(f"{user}:{pw}".encode()).decode()
conn = http.client.HTTPSConnection("127.0.0.11", 5080, context=ctx)
def req(method, path, body=None):
    conn.request(method, path, body=None if body is None else json.dumps(body),
                 headers={"Authorization": auth, "Content-Type": "application/json"})
    r = conn.getresponse(); data = r.read()
    if r.status != 200:
        raise SystemExit(f"{method} {path}: {r.status} {data[:300]}")
    return json.loads(data)
def wait(job):
    while True:
        j = req("GET", f"/2/jobs/{job}")
        if j["status"] in ("success", "error", "canceled"):
            if j["status"] != "success":
                raise SystemExit(f"job {job}: {j['status']} {j['opresult']}")
            return j
        time.sleep(0.01)
names = [f"e{i}.garnet.test" for i in range(n)]
def body(name, **more):
    b = {"__version__": 1, "mode": "create", "instance_name": name, "disk_template": "sharedfile",
         "disks": [{"size": 1024}], "nics": [], "os_type": "image", "osparams": {"image_file": img},
         "name_check": False, "ip_check": False, "beparams": {"memory": 128}, "ignore_ipolicy": True}
    b.update(more)
    return b
def remove():
    for j in [req("DELETE", f"/2/instances/{x}") for x in names]:
        wait(j)
for opportunistic in (True, False):
    t = time.perf_counter()
    jobs = [req("POST", "/2/instances", body(x, iallocator="hail", opportunistic_locking=opportunistic))
            for x in names]
    for j in jobs:
        wait(j)
    print(f"{n} creations submitted at once, placed by hail, "
          f"{'with' if opportunistic else 'without'} --opportunistic-locking: {(time.perf_counter() - t) * 1000:.0f} ms")
    remove()
for j in [req("POST", "/2/instances", body(x, pnode="node1.garnet.test")) for x in names]:
    wait(j)
t = time.perf_counter()
j = wait(req("POST", "/2/nodes/node1.garnet.test/evacuate", {"mode": "primary-only", "iallocator": "hail"}))
for _, i in j["opresult"][0]["jobs"]:
    wait(i)
print(f"gnt-node evacuate -p of {n} instances (parallel jobs): {(time.perf_counter() - t) * 1000:.0f} ms")
t = time.perf_counter()
for x in names:
    wait(req("PUT", f"/2/instances/{x}/migrate", {"target_node": "node1.garnet.test"}))
print(f"the same {n} moves back one at a time: {(time.perf_counter() - t) * 1000:.0f} ms")
remove()
PY
