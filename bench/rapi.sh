#!/usr/bin/env bash
# RAPI benchmark: a fresh appliance (own home and ports), N diskless fake instances created through the RAPI,
# then GET /2/instances?bulk=1 latency (p50/p99 over 50 requests, new TLS connection each, like Ganeti's
# client), GET /2/info latency, and jobs submitted and completed per second through RAPI with 50 concurrent
# clients using a cheap real opcode (PUT /2/tags?tag=..., OP_TAGS_SET). Prints its figures; asserts nothing.
# Usage: bench/rapi.sh [INSTANCES]   (default 10000)
# GARNET_BENCH_HOME=DIR keeps the appliance's home there (stopped, not deleted, at the end); a later run reuses
# the instances already created (handy for measuring a new build on the same 10,000 instances).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export GARNET_HOME="${GARNET_BENCH_HOME:-$(mktemp -d /tmp/garnet-bench-rapi.XXXXXX)}"
export GARNET_SSH_PORT="${GARNET_BENCH_SSH_PORT:-8125}"
export GARNET_RAPI_PORT="${GARNET_BENCH_RAPI_PORT:-5085}"
G="$ROOT/garnet"
if [ -n "${GARNET_BENCH_HOME:-}" ]; then trap '"$G" down >/dev/null 2>&1' EXIT
else trap '"$G" down >/dev/null 2>&1; rm -rf "$GARNET_HOME"' EXIT; fi
"$G" up >/dev/null
"$G" gnt-cluster modify --max-running-jobs 50 >/dev/null
read -r user pw < <("$G" credentials)
/usr/bin/python3 - "$GARNET_RAPI_PORT" "$user" "$pw" "${1:-10000}" <<'PY'
import base64, http.client, json, ssl, statistics, sys, threading, time
port, user, pw, n = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
ctx = ssl._create_unverified_context()
auth = {"Authorization": "Basic " + base64.b64encode(f"{user}:{pw}".encode()).decode(),
        "Content-Type": "application/json"}
def req(method, path, body=None):
    c = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=120)
    c.request(method, path, body=None if body is None else json.dumps(body), headers=auth)
    r = c.getresponse(); data = r.read(); c.close()
    return r.status, data
def wait(job):
    while True:
        st, d = req("GET", f"/2/jobs/{job}")
        s = json.loads(d)["status"]
        if s in ("success", "error", "canceled"):
            return s
        time.sleep(0.05)
master = json.loads(req("GET", "/2/info")[1])["master"]
existing = {i["id"] for i in json.loads(req("GET", "/2/instances")[1])}
t0 = time.time()
lock = threading.Lock(); created = [0]; failed = [0]
def creator(k):
    for i in range(k, n, 20):
        if f"b{i}.example.com" in existing:
            with lock: created[0] += 1
            continue
        st, d = req("POST", "/2/instances", {"__version__": 1, "mode": "create", "name": f"b{i}.example.com",
            "disk_template": "diskless", "disks": [], "nics": [{}], "no_install": True, "start": False,
            "hypervisor": "fake", "pnode": master, "ignore_ipolicy": True,
            "name_check": False, "ip_check": False})
        if wait(int(d)) == "success":
            with lock: created[0] += 1
        else:
            with lock: failed[0] += 1
ts = [threading.Thread(target=creator, args=(k,)) for k in range(20)]
[t.start() for t in ts]; [t.join() for t in ts]
print(f"created {created[0] - len(existing)} instances through RAPI in {time.time()-t0:.1f} s ({failed[0]} failed; "
      f"{len(existing)} existed)")
def lat(path, count):
    xs = []
    for _ in range(count):
        s = time.perf_counter(); st, d = req("GET", path); xs.append((time.perf_counter() - s) * 1000)
        assert st == 200, (st, d[:200])
    xs.sort()
    return statistics.median(xs), xs[int(len(xs) * 0.99) - 1 if len(xs) >= 100 else -1], len(d)
m, p99, size = lat("/2/instances?bulk=1", 50)
print(f"GET /2/instances?bulk=1 with {created[0]} instances: median {m:.1f} ms, p99 {p99:.1f} ms, {size} bytes")
m, p99, size = lat("/2/instances?bulk=1", 100)
print(f"GET /2/instances?bulk=1 with {created[0]} instances, 100 more: median {m:.1f} ms, p99 {p99:.1f} ms")
xs = []
for k in range(20):
    st, d = req("PUT", f"/2/instances/b{k}.example.com/tags?tag=bench{k}")
    wait(int(d))
    s = time.perf_counter(); st, d = req("GET", "/2/instances?bulk=1"); xs.append((time.perf_counter() - s) * 1000)
xs.sort()
print(f"GET /2/instances?bulk=1 right after a change (nothing reusable): median {statistics.median(xs):.1f} ms, "
      f"max {xs[-1]:.1f} ms")
m, p99, _ = lat("/2/info", 100)
print(f"GET /2/info: median {m:.1f} ms, p99 {p99:.1f} ms")
done = [0]
def tagger(k, count):
    for i in range(count):
        st, d = req("PUT", f"/2/tags?tag=t{k}x{i}")
        if wait(int(d)) == "success":
            with lock: done[0] += 1
t0 = time.time()
ts = [threading.Thread(target=tagger, args=(k, 20)) for k in range(50)]
[t.start() for t in ts]; [t.join() for t in ts]
dt = time.time() - t0
print(f"PUT /2/tags (OP_TAGS_SET) with 50 clients: {done[0]} jobs submitted and completed in {dt:.1f} s = {done[0]/dt:.0f} jobs/s")
PY
