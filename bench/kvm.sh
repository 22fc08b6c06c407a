#!/usr/bin/env bash
# bench/kvm.sh — the kvm hypervisor with real guests under qemu's TCG (kvm_flag=disabled: this machine's nested
# KVM boots no standard kernel), two appliances (./garnet up --nodes 2), the tiny guest of the tests
# (itests/kvm/make-tiny-initrd.sh), 256 MiB of RAM. Through the RAPI as a client would (submit, then poll
# /2/jobs/ID every 10 ms until final):
#   startup, ROUNDS times (the guest stopped in between): submission to the job's end (the qemu process running,
#   continued over QMP), the job's own time, and submission to the guest's marker on its serial console (read
#   through gnt-instance console, opened when the job ended); qemu's own part: the same command line started
#   alone (daemonized, -S) until its QMP socket answers. Garnet's share = the job's end minus qemu's own part.
#   Goal (issue 16): Garnet's share <= 0.5 s; the guest's boot is qemu's.
#   live migration node1 <-> node2, MIGRATIONS times: the client's wait, qemu's total time and the downtime
#   QMP reports (query-migrate). Goals (issue 16): <= 3 s and <= 100 ms under TCG (Ganeti's default
#   migration_downtime is 30 ms).
#   PARALLEL (10) guests started at once (one job each): submission to the last job's end, and to every guest's
#   qemu running.
#   Not measured: the Debian guest's boot to login (the debootstrap guest is not in the tests yet).
#   Ganeti cannot run here (no Ganeti daemons on this machine): no side-by-side figures.
#   usage: bench/kvm.sh [ROUNDS] [MIGRATIONS] [PARALLEL]   (defaults 5, 4, 10)
# Own GARNET_HOME, bridge and loopback addresses; stops every guest and appliance at the end.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS=${1:-5}; MIGRATIONS=${2:-4}; PARALLEL=${3:-10}
export GARNET_HOME="$(mktemp -d /tmp/gbk.XXXXXX)"   # short: qemu's UNIX socket paths must stay under 108 bytes
export GARNET_WATCHER_INTERVAL=3600
G="$ROOT/garnet"
BR=gtbr-bench
cleanup() {
  "$G" down >/dev/null 2>&1
  pkill -f "qemu-system-x86_64 -name [^ ]*\.bench\.test " 2>/dev/null
  local t
  for t in $(ip -o link show master "$BR" 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1); do
    ip link del "$t" 2>/dev/null
  done
  ip link del "$BR" 2>/dev/null
  rm -rf "$GARNET_HOME"
}
trap cleanup EXIT
"$G" up --nodes 2 >/dev/null || exit 1
kernel=$("$ROOT/itests/kvm/make-tiny-initrd.sh" "$GARNET_HOME/tiny.cpio.gz") || exit 1
ip link add "$BR" type bridge && ip link set "$BR" up || exit 1
"$G" gnt-cluster modify -H "kvm:kernel_path=$kernel,initrd_path=$GARNET_HOME/tiny.cpio.gz,kvm_flag=disabled,kvm_path=/usr/bin/qemu-system-x86_64,kernel_args=quiet" >/dev/null || exit 1
for i in $(seq 0 "$PARALLEL"); do
  "$G" gnt-instance add -t sharedfile -s 1G -o noop -H kvm -B memory=256M --net "0:link=$BR" --no-start \
    --no-name-check --no-ip-check -n node1.garnet.test "k$i.bench.test" >/dev/null 2>&1 \
    || { echo "creating k$i failed"; exit 1; }
done
read -r user pw < <("$G" credentials)
python3 - "$user" "$pw" "$ROUNDS" "$MIGRATIONS" "$PARALLEL" "$G" "$GARNET_HOME" <<'PY'
import base64, json, os, socket, ssl, statistics, subprocess, sys, tempfile, threading, time, http.client
user, pw, rounds, migrations, parallel, G, home = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), \
    int(sys.argv[5]), sys.argv[6], sys.argv[7]
ctx = ssl._create_unverified_context()
auth = "Basic " + base64.b64encode(f"{user}:{pw}".encode()).decode()
local = threading.local()
def req(method, path, body=None):
    if not hasattr(local, "conn"):
        local.conn = http.client.HTTPSConnection("127.0.0.11", 5080, context=ctx)
    local.conn.request(method, path, body=None if body is None else json.dumps(body),
                       headers={"Authorization": auth, "Content-Type": "application/json"})
    r = local.conn.getresponse(); data = r.read()
    if r.status != 200:
        raise SystemExit(f"{method} {path}: {r.status} {data[:300]}")
    return json.loads(data)
def wait(job):
    while True:
        j = req("GET", f"/2/jobs/{job}")
        if j["status"] in ("success", "error", "canceled"):
            if j["status"] != "success":
                logs = "".join(open(f).read()[-400:] for f in __import__("glob").glob(f"{home}/cluster/node*/appliance/data/log/kvm/*.log"))
                raise SystemExit(f"job {job} ({j['ops'][0]['OP_ID']} {j['ops'][0].get('instance_name')}): {j['status']} {j['opresult']}\nqemu logs: {logs}")
            return j
        time.sleep(0.01)
def ts(t):
    return t[0] + t[1] / 1e6
def med(xs):
    return statistics.median(xs)
def marker(inst, t0, limit=120):
    """Seconds from t0 to the guest's marker line on its console (gnt-instance console, read as it comes)."""
    p = subprocess.Popen([G, "gnt-instance", "console", inst], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    end = time.time() + limit
    try:
        for line in p.stdout:
            if b"GARNET-TINY-BOOTED" in line:
                return time.time() - t0
            if time.time() > end:
                break
    finally:
        p.terminate(); p.wait()
    return float("nan")
def node_dir(k):
    return f"{home}/cluster/node{k}/appliance"

I = "k0.bench.test"
job_end, job_own, booted = [], [], []
for r in range(rounds):
    t0 = time.time()
    j = wait(req("PUT", f"/2/instances/{I}/startup")); t1 = time.time()
    job_end.append(t1 - t0); job_own.append(ts(j["end_ts"]) - ts(j["received_ts"]))
    booted.append(marker(I, t0))
    wait(req("PUT", f"/2/instances/{I}/shutdown", {"timeout": 0}))
# qemu's own part: the command line the node saved, started alone on paths of its own (no NIC: its tap is
# the node's), until its QMP socket answers
wait(req("PUT", f"/2/instances/{I}/startup"))
runtime = json.load(open(f"{node_dir(1)}/var/run/garnet/kvm-hypervisor/conf/{I}.runtime"))
wait(req("PUT", f"/2/instances/{I}/shutdown", {"timeout": 0}))  # its disk is locked by the qemu using it
run = tempfile.mkdtemp(prefix="qemu-alone.")
args = [a.replace(f"{node_dir(1)}/var/run/garnet/kvm-hypervisor", run) for a in runtime["argv"]]
args = [("alone.bench.test" if a == I else a) for a in args]
clean, i = [], 0
while i < len(args):  # without the NIC: its tap is the node's
    if args[i] in ("-netdev", "-device") and i + 1 < len(args) and (args[i] == "-netdev" or "netdev=" in args[i + 1]):
        i += 2; continue
    clean.append(args[i]); i += 1
for d in ("pid", "ctrl", "conf"):
    os.makedirs(f"{run}/{d}", exist_ok=True)
alone = []
for r in range(rounds):
    qmp = next(a for a in clean if a.startswith("unix:") and a.endswith(".qmp,server,nowait"))[5:-len(",server,nowait")]
    t0 = time.time()
    subprocess.run(clean, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        try:
            s = socket.socket(socket.AF_UNIX); s.connect(qmp)
            if b"QMP" in s.recv(4096):
                break
        except OSError:
            time.sleep(0.002)
    alone.append(time.time() - t0)
    s.close()
    subprocess.run(["pkill", "-f", "qemu-system-x86_64 -name alone.bench.test "])
    time.sleep(0.3)
wait(req("PUT", f"/2/instances/{I}/startup"))
share = med(job_end) - med(alone)
print(f"startup of a kvm guest ({rounds} rounds, medians): submission to job end {med(job_end)*1000:.0f} ms "
      f"(the job itself {med(job_own)*1000:.0f} ms); qemu alone (same command line, daemonized, QMP answering) "
      f"{med(alone)*1000:.0f} ms; Garnet's share {share*1000:.0f} ms (goal <= 500); submission to the guest's "
      f"marker on the console {med(booted):.1f} s (TCG boot)")

nodes = ["node2.garnet.test", "node1.garnet.test"]
waits, totals, downs = [], [], []
for r in range(migrations):
    src = 1 + r % 2
    t0 = time.time()
    wait(req("PUT", f"/2/instances/{I}/migrate", {"mode": "live", "target_node": nodes[r % 2]}))
    waits.append(time.time() - t0)
    st = json.load(open(f"{node_dir(src)}/data/log/kvm/{I}.migration"))
    totals.append(st.get("total-time", float("nan")) / 1000); downs.append(st.get("downtime", float("nan")))
print(f"live migration of a 256 MiB guest ({migrations} rounds, medians): client's wait {med(waits):.2f} s, "
      f"qemu's total time {med(totals):.2f} s (goal <= 3), downtime {med(downs):.0f} ms (goal <= 100; "
      f"migration_downtime 30 ms); each: " + ", ".join(f"{w:.2f} s/{d} ms" for w, d in zip(waits, downs)))

names = [f"k{i}.bench.test" for i in range(1, parallel + 1)]
ends = {}
t0 = time.time()
def start(n):
    wait(req("PUT", f"/2/instances/{n}/startup")); ends[n] = time.time() - t0
threads = [threading.Thread(target=start, args=(n,)) for n in names]
for t in threads: t.start()
for t in threads: t.join()
running = subprocess.run(["pgrep", "-fc", r"qemu-system-x86_64 -name k([1-9]|10)\.bench\.test "],
                         capture_output=True, text=True).stdout.strip()
print(f"{parallel} guests started at once (one job each): submission to the last job's end "
      f"{max(ends.values()):.2f} s, first {min(ends.values()):.2f} s; qemu processes running: {running}")
PY
