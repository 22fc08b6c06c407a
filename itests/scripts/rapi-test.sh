#!/usr/bin/env bash
# RAPI through Ganeti's own Python client (python3-ganeti-rapi, run with /usr/bin/python3) and curl against a
# fresh appliance: version, features, info, jobs, instance create/list/shutdown/startup through jobs, and
# Ganeti's error answers (401 without credentials, 404, 501 for resources not served yet). Own home and ports.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export GARNET_HOME="$(mktemp -d /tmp/garnet-rapi.XXXXXX)"
export GARNET_SSH_PORT="${GARNET_RAPI_SSH_PORT:-8124}"
export GARNET_RAPI_PORT="${GARNET_IT_RAPI_PORT:-5084}"
export GARNET_NODED_PORT="${GARNET_IT_NODED_PORT:-1824}"
G="$ROOT/garnet"
fails=0
trap '"$G" down >/dev/null 2>&1; rm -rf "$GARNET_HOME"' EXIT
. "$ROOT/itests/scripts/lib.sh"

"$G" up >/dev/null 2>&1 || { echo "FAIL - garnet up"; exit 1; }
read -r user pw < <("$G" credentials)
check "./garnet credentials prints the demo user" 0 0 "$user $pw" "^garnet [A-Za-z0-9]{8,}$"
url="https://127.0.0.1:$GARNET_RAPI_PORT"
img="$GARNET_HOME/test.img"; truncate -s 8M "$img"

out=$(curl -sk -w ' %{http_code}' "$url/2/info"); rc=$?
check "no credentials: 401 with Ganeti's error body" 0 $rc "$out" '^\{"code":401,"message":"Unauthorized","explain":"No permission -- see authorization schemes"\} 401$'
out=$(curl -sk -u "$user:wrong" -w ' %{http_code}' "$url/version")
check "wrong password: 401" 0 0 "$out" ' 401$'
out=$(curl -sk -u "$user:$pw" -w ' %{http_code}' "$url/2/nosuch")
check "unknown resource: 404" 0 0 "$out" '"code":404.* 404$'
out=$(curl -sk -u "$user:$pw" -w ' %{http_code}' "$url/2/networks")
check "networks: none yet, an empty list as Ganeti answers" 0 0 "$out" '^\[\] 200$'
out=$(curl -sk -u "$user:$pw" -X POST -H 'Content-Type: application/json' -d '{}' -w ' %{http_code}' "$url/2/networks")
check "a Ganeti resource not served yet: 501 with an explanation" 0 0 "$out" '"code":501.*not implemented in Garnet yet.* 501$'
out=$(curl -sk -u "$user:$pw" -X PUT -w ' %{http_code}' "$url/2/tags?tag=dryrun&dry-run=true")
check "dry-run=true is not an integer: 400, and nothing is written" 0 0 "$out" "Invalid value for the 'dry-run' parameter.* 400$"
out=$(curl -sk -u "$user:$pw" "$url/2/tags")
check "... the tag was not added" 0 0 "$out" '^\[\]$'
out=$(curl -sk -u "$user:$pw" -D - "$url/2/%2e%2e/info")
check "a URI Jetty refuses: Ganeti's JSON error body" 0 0 "$out" '^\{"code":400,"message":"Bad Request","explain":'
check "... and Garnet's Server header, not Jetty's" 0 0 "$out" '^Server: Garnet [0-9]+\.[0-9]+\.[0-9]+'

out=$(curl -sk -u "$user:$pw" -w ' %{http_code}' "$url/2/info?%ff=1")
check "invalid UTF-8 in the query: 400" 0 0 "$out" '"code":400.* 400$'
out=$(curl -sk -u "$user:$pw" -X DELETE -w ' %{http_code}' "$url/2/jobs/99999999999999999999")
check "an overflowing job id: 404" 0 0 "$out" '"code":404.* 404$'
node=$("$G" gnt-cluster getmaster)
out=$(curl -sk -u "$user:$pw" "$url/2/nodes")
check "the seed's curl: GET /2/nodes" 0 0 "$out" "^\[\{\"(id|uri)\":\"(/2/nodes/)?$node\""
jid=$(curl -sk -u "$user:$pw" -X POST -H 'Content-Type: application/json' -d '{"master_candidate": false}' "$url/2/nodes/$node/modify")
check "the seed's curl: POST /2/nodes/X/modify answers a job id" 0 0 "$jid" "^[0-9]+$"
out=$("$G" gnt-job wait "$jid" 2>&1); rc=$?
check "... which fails as Ganeti's on a single-node cluster (the master's role)" 1 $rc "$out" "The master role can be changed only via master-failover"
out=$(curl -sk -u "$user:$pw" -X POST -H 'Content-Type: application/json' -d '{"nosuch": 1}' -w ' %{http_code}' "$url/2/nodes/$node/modify")
check "an unknown body parameter: 400 naming it" 0 0 "$out" "nosuch.* 400$"
out=$(curl -sk -u "$user:$pw" -X POST -H 'Content-Type: application/json' -d '{bad' -w ' %{http_code}' "$url/2/groups")
check "bad JSON: 400" 0 0 "$out" ' 400$'
head -c 2000000 /dev/zero | tr '\0' ' ' > "$GARNET_HOME/big.json"
out=$(curl -sk -u "$user:$pw" -X POST -H 'Content-Type: application/json' --data-binary @"$GARNET_HOME/big.json" -w ' %{http_code}' "$url/2/groups")
check "a body over the size limit: 413" 0 0 "$out" ' 413$'
echo "reader readerpw read" >> "$GARNET_HOME/appliance/var/lib/garnet/rapi/users"
out=$(curl -sk -u "reader:readerpw" -X PUT -w ' %{http_code}' "$url/2/tags?tag=x")
check "a read-only user writing: 403 (users file re-read without a restart)" 0 0 "$out" '"code":403.* 403$'
out=$(curl -sk -u "reader:readerpw" -w ' %{http_code}' "$url/2/info")
check "a read-only user reading: 200" 0 0 "$out" ' 200$'
out=$(curl -sk -u "$user:$pw" -X POST -H 'Content-Type: text/plain' -d 'x' -w ' %{http_code}' "$url/2/instances")
check "a body that is not JSON: 415" 0 0 "$out" ' 415$'

out=$(/usr/bin/python3 - "$GARNET_RAPI_PORT" "$user" "$pw" "$img" 2>&1 <<'PY'
import sys
from ganeti.rapi import client
port, user, pw, img = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
c = client.GanetiRapiClient("127.0.0.1", port=port, username=user, password=pw)
assert c.GetVersion() == 2, c.GetVersion()
print("version", c.GetVersion())
print("features", sorted(c.GetFeatures()))
info = c.GetInfo()
print("info", info["name"], info["master"], info["enabled_hypervisors"])
job = c.CreateInstance("create", "rapi1.example.com", "file", [{"size": 1024}], [{}], os="image", name_check=False,
                       ip_check=False,
                       osparams={"image_file": img}, hypervisor="fake", tags=["rapi"])
print("create job is int", isinstance(job, int))
print("create ok", c.WaitForJobCompletion(job, period=1, retries=60))
print("create status", c.GetJobStatus(job)["status"])
print("instances", c.GetInstances())
bulk = c.GetInstances(bulk=True)
print("bulk", [(i["name"], i["status"], i["disk_template"]) for i in bulk])
job = c.ShutdownInstance("rapi1.example.com")
c.WaitForJobCompletion(job, period=1, retries=60)
print("after shutdown", c.GetInstances(bulk=True)[0]["status"])
job = c.StartupInstance("rapi1.example.com")
c.WaitForJobCompletion(job, period=1, retries=60)
print("after startup", c.GetInstances(bulk=True)[0]["status"])
status = c.GetJobStatus(job)
print("reason trail", [r[0] for r in status["ops"][0]["reason"]])
print("jobs", len(c.GetJobs()) >= 3)
try:
    c.GetJobStatus(99999)
except client.GanetiApiError as e:
    print("unknown job", e.code)
print("nodes", len(c.GetNodes()), c.GetNodes(bulk=True)[0]["role"], c.GetNodeRole(c.GetInfo()["master"]))
print("groups", c.GetGroups())
job = c.CreateGroup("rapigroup", alloc_policy="last_resort")
c.WaitForJobCompletion(job, period=1, retries=60)
print("group bulk", sorted((g["name"], g["alloc_policy"]) for g in c.GetGroups(bulk=True)))
c.WaitForJobCompletion(c.ModifyGroup("rapigroup", alloc_policy="preferred"), period=1, retries=60)
c.WaitForJobCompletion(c.RenameGroup("rapigroup", "rapigroup2"), period=1, retries=60)
print("group after", c.GetGroup("rapigroup2")["alloc_policy"])
c.WaitForJobCompletion(c.DeleteGroup("rapigroup2"), period=1, retries=60)
print("groups after delete", c.GetGroups())
c.WaitForJobCompletion(c.AddInstanceTags("rapi1.example.com", ["web", "db"]), period=1, retries=60)
print("instance tags", sorted(c.GetInstanceTags("rapi1.example.com")))
c.WaitForJobCompletion(c.DeleteInstanceTags("rapi1.example.com", ["db"]), period=1, retries=60)
print("instance tags after delete", sorted(c.GetInstanceTags("rapi1.example.com")))
print("bulk tags", [i["tags"] for i in c.GetInstances(bulk=True)])
print("node", c.GetNode(c.GetInfo()["master"])["role"], c.GetNode(c.GetInfo()["master"])["pinst_cnt"])
print("jobs bulk", all(j["status"] in ("success", "error", "canceled") for j in c.GetJobs(bulk=True)))
print("cancel finished", c.CancelJob(job))
c.WaitForJobCompletion(c.AddClusterTags(["prod"]), period=1, retries=60)
print("cluster tags", c.GetClusterTags())
print("os", c.GetOperatingSystems())
print("instance", c.GetInstance("rapi1.example.com")["status"])
job = c.GetInstanceInfo("rapi1.example.com")
c.WaitForJobCompletion(job, period=1, retries=60)
details = c.GetJobStatus(job)["opresult"][0]["rapi1.example.com"]
print("instance info", details["config_state"], details["run_state"], details["disk_template"])
job = c.GrowInstanceDisk("rapi1.example.com", 0, 1024)
print("grow", c.WaitForJobCompletion(job, period=1, retries=60))
print("disk sizes", c.GetInstance("rapi1.example.com")["disk.sizes"])
job = c.ModifyInstance("rapi1.example.com", beparams={"maxmem": 256, "minmem": 256})
c.WaitForJobCompletion(job, period=1, retries=60)
print("modify result", c.GetJobStatus(job)["opresult"])
print("console", c.GetInstanceConsole("rapi1.example.com")["kind"])
job = c.RebootInstance("rapi1.example.com", reboot_type="hard")
print("reboot", c.WaitForJobCompletion(job, period=1, retries=60))
job = c.ReinstallInstance("rapi1.example.com")
print("reinstall", c.WaitForJobCompletion(job, period=1, retries=120))
job = c.ShutdownInstance("rapi1.example.com")
c.WaitForJobCompletion(job, period=1, retries=60)
job = c.RenameInstance("rapi1.example.com", "rapi2.example.com", name_check=False)
print("rename", c.WaitForJobCompletion(job, period=1, retries=60), c.GetInstances())
res = c.Query("instance", ["name", "status"])
print("query", [[cell[1] for cell in row] for row in res["data"]])
print("query fields", [f["name"] for f in c.QueryFields("job", ["id", "status"])["fields"]])
job = c.DeleteInstance("rapi2.example.com")
print("delete", c.WaitForJobCompletion(job, period=1, retries=60), c.GetInstances())
job = c.ModifyCluster(max_running_jobs=15)
c.WaitForJobCompletion(job, period=1, retries=60)
print("cluster", c.GetInfo()["max_running_jobs"])
change = c.WaitForJobChange(job, ["status", "id"], None, None)
print("wait", change["job_info"], type(change["log_entries"]).__name__)
specs = [{"mode": "create", "name": "multi%d.example.com" % i, "name_check": False, "ip_check": False, "disk_template": "file", "disks": [{"size": 1024}],
          "nics": [{}], "os": "image", "osparams": {"image_file": img}} for i in (1, 2)]
job = c.InstancesMultiAlloc(specs, iallocator="hail")
c.WaitForJobCompletion(job, period=1, retries=60)
res = c.GetJobStatus(job)["opresult"][0]
print("multi-alloc", res["allocatable"], res["failed"],
      [c.WaitForJobCompletion(j, period=1, retries=60) for ok, j in res["jobs"] if ok])
print("multi instances", sorted(c.GetInstances()))
for name in res["allocatable"]:
    c.WaitForJobCompletion(c.DeleteInstance(name), period=1, retries=60)
PY
); rc=$?
check "Ganeti's Python client: GetVersion" 0 $rc "$out" "^version 2$"
check "GetFeatures: Ganeti's four" 0 $rc "$out" "^features \['instance-create-reqv1', 'instance-reinstall-reqv1', 'node-evac-res1', 'node-migrate-reqv1'\]$"
check "GetInfo" 0 $rc "$out" "^info .+ \['fake', 'kvm'\]$"
check "CreateInstance returns a job id (an integer) that succeeds" 0 $rc "$out" "^create status success$"
check "GetInstances" 0 $rc "$out" "^instances \['rapi1.example.com'\]$"
check "GetInstances(bulk=True)" 0 $rc "$out" "^bulk \[\('rapi1.example.com', 'running', 'file'\)\]$"
check "ShutdownInstance" 0 $rc "$out" "^after shutdown ADMIN_down$"
check "StartupInstance" 0 $rc "$out" "^after startup running$"
check "the reason trail names the RAPI resource" 0 $rc "$out" "gnt:library:rlib2:instances_name_startup"
check "an unknown job: 404" 0 $rc "$out" "^unknown job 404$"
check "nodes, bulk role letter, node role" 0 $rc "$out" "^nodes 1 M master$"
check "groups" 0 $rc "$out" "^groups \['default'\]$"
check "CreateGroup and bulk groups" 0 $rc "$out" "^group bulk \[\('default', 'preferred'\), \('rapigroup', 'last_resort'\)\]$"
check "ModifyGroup, RenameGroup" 0 $rc "$out" "^group after preferred$"
check "DeleteGroup" 0 $rc "$out" "^groups after delete \['default'\]$"
check "instance tags through query args" 0 $rc "$out" "^instance tags \['db', 'rapi', 'web'\]$"
check "cluster tags" 0 $rc "$out" "^cluster tags \['prod'\]$"
check "DeleteInstanceTags" 0 $rc "$out" "^instance tags after delete \['rapi', 'web'\]$"
check "a bulk list after a change shows the change (the encoded answer is not reused)" 0 $rc "$out" "^bulk tags \[\['rapi', 'web'\]\]$"
check "GetNode" 0 $rc "$out" "^node M 1$"
check "GetJobs(bulk=True)" 0 $rc "$out" "^jobs bulk True$"
check "CancelJob of a finished job: Ganeti's [false, message]" 0 $rc "$out" "^cancel finished \[False, 'Job [0-9]+ is finished'\]$"
check "GetOperatingSystems" 0 $rc "$out" "^os \['debootstrap', 'image', 'noop'\]$"
check "GetInstance" 0 $rc "$out" "^instance running$"
check "GetInstanceInfo (a job of OP_INSTANCE_QUERY_DATA)" 0 $rc "$out" "^instance info up up file$"
check "GrowInstanceDisk" 0 $rc "$out" "^disk sizes \[2048\]$"
check "ModifyInstance result lists the changes" 0 $rc "$out" "^modify result \[\[\['be/maxmem', '256'\], \['be/minmem', '256'\]\]\]$"
check "GetInstanceConsole" 0 $rc "$out" "^console msg$"
check "RebootInstance" 0 $rc "$out" "^reboot True$"
check "ReinstallInstance (shutdown, reinstall, startup in one job)" 0 $rc "$out" "^reinstall True$"
check "RenameInstance" 0 $rc "$out" "^rename True \['rapi2.example.com'\]$"
check "Query" 0 $rc "$out" "^query \[\['rapi2.example.com', 'ADMIN_down'\]\]$"
check "QueryFields" 0 $rc "$out" "^query fields \['id', 'status'\]$"
check "DeleteInstance" 0 $rc "$out" "^delete True \[\]$"
check "ModifyCluster" 0 $rc "$out" "^cluster 15$"
check "WaitForJobChange (/2/jobs/N/wait)" 0 $rc "$out" "^wait \['success', [0-9]+\] list$"
check "InstancesMultiAlloc: one job placing both, a creation job each" 0 $rc "$out" "^multi-alloc \['multi1.example.com', 'multi2.example.com'\] \[\] \[True, True\]$"
check "InstancesMultiAlloc: both instances exist" 0 $rc "$out" "^multi instances \['multi1.example.com', 'multi2.example.com'\]$"

# Fidelity: key sets and value types of every resource recorded from a live Ganeti 3.0.2, compared with
# Garnet's answers for the same resources (a file and a diskless instance created for the comparison).
out=$(/usr/bin/python3 "$ROOT/itests/scripts/rapi-fidelity.py" "$GARNET_RAPI_PORT" "$user" "$pw" "$img" \
      "$ROOT/itests/testdata/ganeti-3.0.2/rapi-live" 2>&1); rc=$?
check "a diskless instance is created under the default policy (no disk-count bound)" 0 $rc "$out" "^diskless create success"
check "every recorded Ganeti answer: same keys and value types" 0 $rc "$out" "^fidelity differences 0 of 22 "

# Resources and rules added after the first round: redistribute-config, node storage, job dependencies and
# priority in bodies, static parameters, query filters.
out=$(/usr/bin/python3 - "$GARNET_RAPI_PORT" "$user" "$pw" "$node" 2>&1 <<'PY'
import base64, http.client, json, ssl, sys, time
port, user, pw, node = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
ctx = ssl._create_unverified_context()
hdr = {"Authorization": "Basic " + base64.b64encode(f"{user}:{pw}".encode()).decode(),
       "Content-Type": "application/json"}
def req(method, path, body=None):
    c = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=60)
    c.request(method, path, body=None if body is None else json.dumps(body), headers=hdr)
    r = c.getresponse(); data = json.loads(r.read() or b"null"); c.close()
    return r.status, data
def wait(jid):
    for _ in range(600):
        st, job = req("GET", f"/2/jobs/{jid}")
        if job["status"] in ("success", "error", "canceled"):
            return job
        time.sleep(0.05)
st, jid = req("PUT", "/2/redistribute-config")
job = wait(jid)
print("redist", st, job["status"], job["ops"][0]["input"]["OP_ID"] if "input" in job["ops"][0] else job["ops"][0]["OP_ID"])
st, jid = req("GET", f"/2/nodes/{node}/storage?storage_type=file&output_fields=name,type")
job = wait(jid)
print("storage", st, job["status"], job["opresult"][0][0][1])
st, jid = req("PUT", f"/2/nodes/{node}/storage/modify?storage_type=file&name=x&allocatable=0")
job = wait(jid)
print("storage modify", job["status"], job["opresult"][0][1])
print("storage no fields", req("GET", f"/2/nodes/{node}/storage?storage_type=file")[0])
st, first = req("PUT", "/2/tags?tag=dep1")
st, jid = req("POST", "/2/groups", {"group_name": "depgroup", "depends": [[first, ["success"]]], "priority": 10})
job = wait(jid)
print("depends", st, job["status"], job["ops"][0]["depends"] == [[first, ["success"]]], job["ops"][0]["priority"])
st, err = req("POST", "/2/groups", {"group_name": "x", "depends": [[first, ["nosuch"]]]})
print("bad depends", st, "depends" in err["explain"])
st, err = req("PUT", "/2/instances/x/startup", {"instance_name": "y"})
print("static", st, err["explain"])
st, res = req("PUT", "/2/query/group", {"fields": ["name"], "qfilter": ["=", "name", "depgroup"]})
print("qfilter", st, [[c[1] for c in row] for row in res["data"]])
st, res = req("PUT", "/2/query/group", {"fields": ["name"], "qfilter": ["|", ["=~", "name", "^def"], ["?", "nosuch"]]})
print("qfilter unknown field", st, res["explain"])
st, res = req("PUT", "/2/query/group", {"fields": ["name", "node_cnt"], "filter": [">", "node_cnt", 0]})
print("qfilter count", st, [[c[1] for c in row] for row in res["data"]])
st, res = req("GET", "/2/os?bulk=1")
print("os bulk", st, sorted(o["name"] for o in res), sorted(res[0].keys()),
      [p["name"] for o in res if o["name"] == "image" for p in o["parameters"]])
PY
); rc=$?
check "PUT /2/redistribute-config: OP_CLUSTER_REDIST_CONF succeeds" 0 $rc "$out" "^redist 200 success"
check "GET /2/nodes/N/storage: OP_NODE_QUERY_STORAGE" 0 $rc "$out" "^storage 200 success file$"
check "PUT /2/nodes/N/storage/modify: Ganeti's refusal for file storage" 0 $rc "$out" "^storage modify error .*can not be modified"
check "GET storage without output_fields: 400" 0 $rc "$out" "^storage no fields 400$"
check "depends and priority in a body reach the job" 0 $rc "$out" "^depends 200 success True 10$"
check "a malformed depends: 400 naming it" 0 $rc "$out" "^bad depends 400 True$"
check "a static parameter in the body: 400" 0 $rc "$out" "^static 400 Can't overwrite static parameter 'instance_name'$"
check "PUT /2/query with qfilter" 0 $rc "$out" "^qfilter 200 \[\['depgroup'\]\]$"
check "a filter on an unknown field: 400 with Ganeti's message" 0 $rc "$out" "^qfilter unknown field 400 .*Can't find field named 'nosuch'"
check "legacy 'filter' key and numeric comparison" 0 $rc "$out" "^qfilter count 200 \[\['default', 1\]\]$"
check "GET /2/os?bulk=1: Ganeti's dictionary per OS" 0 $rc "$out" "^os bulk 200 \['debootstrap', 'image', 'noop'\] \['api_versions', 'blacklisted', 'hidden', 'name', 'parameters', 'trusted', 'valid', 'variants'\] \['image_file'\]$"
out=$("$G" gnt-cluster redist-conf 2>&1); rc=$?
check "gnt-cluster redist-conf" 0 $rc "$out" "Redistributing the configuration to 0 other online node"
out=$("$G" gnt-node modify-storage --allocatable=no "$node" file x 2>&1); rc=$?
check "gnt-node modify-storage on file storage: Ganeti's refusal" 1 $rc "$out" "Storage units of type 'file' can not be modified"
out=$("$G" gnt-node repair-storage "$node" file x 2>&1); rc=$?
check "gnt-node repair-storage on file storage: Ganeti's refusal" 1 $rc "$out" "Storage units of type 'file' can not be repaired"

cert() { /usr/bin/python3 -c "import ssl,sys; print(ssl.get_server_certificate(('127.0.0.1', int(sys.argv[1]))))" "$GARNET_RAPI_PORT" | md5sum; }
before=$(cert)
out=$("$G" gnt-cluster renew-crypto --new-rapi-certificate --force 2>&1); rc=$?
check "gnt-cluster renew-crypto --new-rapi-certificate" 0 $rc "$out" "All requested certificates and keys have been replaced"
after=$(cert)
[ "$before" != "$after" ]; check "the running RAPI serves the new certificate" 0 $? "$after" "."
out=$(curl -sk -u "$user:$pw" "$url/version")
check "and still answers" 0 0 "$out" "^2$"
out=$("$G" gnt-cluster renew-crypto --new-rapi-certificate 2>&1); rc=$?
check "without --force and without a terminal it asks and stops" 1 $rc "$out" "use --force"

# Bounded fuzz: thousands of malformed requests (random paths, methods, bodies, content types, auth headers);
# no answer may be a 5xx, and the server must still answer afterwards. Then 200 clients at once.
out=$(/usr/bin/python3 - "$GARNET_RAPI_PORT" "$user" "$pw" <<'PY'
import base64, http.client, json, random, socket, ssl, sys, threading
port, user, pw = int(sys.argv[1]), sys.argv[2], sys.argv[3]
ctx = ssl._create_unverified_context()
notjson = []
auth = "Basic " + base64.b64encode(f"{user}:{pw}".encode()).decode()
rnd = random.Random(4242)
paths = ["/2/instances", "/2/instances/x", "/2/instances/x/startup", "/2/jobs/1", "/2/jobs/abc", "/2/jobs/1/wait",
         "/2/groups", "/2/groups/g/modify", "/2/nodes/n/role", "/2/query/instance", "/2/query/nosuch", "/2/tags",
         "/2/modify", "/2/instances/x/disk/9/grow", "/version", "/2/info", "/%zz", "/2/../etc/passwd", "/" + "a" * 500,
         "/2/jobs/99999999999999999999", "/2/jobs/99999999999999999999/wait", "/2/instances/x/disk/99999999999/grow",
         "/2/%2e%2e/info", "/2/instances%2Fx", "/2/info%00", "/2/inst%C3%A9", "/2/networks", "/2/filters", "/",
         "/2", "/2/instances/x/console", "/2/instances/x/reboot", "/2/nodes/n/storage", "/2/query/job/fields"]
bodies = [b"", b"{", b"[]", b"null", b"{\"__version__\": 1}", b"{\"__version__\": 1, \"name\": 5}",
          b"{\"fields\": 3}", b"{\"disks\": \"x\"}", b"\xff\xfe", b"{\"a\":" * 50, b"123", b"\"master\"",
          b"true", b"{}garbage", b" ", b"{\"OP_ID\": \"OP_CLUSTER_DESTROY\"}", b"{\"amount\": 1e999}",
          b"{\"fields\":[\"status\"],\"previous_job_info\":[]}", b"{\"amount\": 99999999999999999999999}"]
statuses = {}
for i in range(2000):
    conn = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=30)
    method = rnd.choice(["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD"])
    path = rnd.choice(paths) + rnd.choice(["", "?bulk=1", "?bulk=x", "?dry-run=1", "?tag=a&tag=%00", "?fields=name",
                                           "?%ff=1", "?bulk=%zz", "?dry-run=true", "?force=99999999999999999999999",
                                           "?type=bogus", "?no_remember=x", "?static=-1", "?tag=%C3%28"])
    headers = {}
    if rnd.random() < 0.8:
        headers["Authorization"] = rnd.choice([auth, auth, "Basic !!!", "Digest x", "Basic " + base64.b64encode(b"nocolon").decode()])
    if rnd.random() < 0.8:
        headers["Content-Type"] = rnd.choice(["application/json", "text/plain", "application/json; charset=utf-8",
                                              "application/jsonx", "application/json; charset=latin1"])
    try:
        conn.request(method, path, body=rnd.choice(bodies), headers=headers)
        resp = conn.getresponse()
        st, data = resp.status, resp.read()
        if st >= 400 and method != "HEAD":
            try:
                err = json.loads(data)
                assert err["code"] == st and isinstance(err["message"], str) and isinstance(err["explain"], str)
                assert resp.getheader("Content-Type") == "application/json"
            except Exception:
                notjson.append((st, method, path, data[:80]))
    except Exception as e:
        st = "exc:" + type(e).__name__
        print("exception", method, path, headers.get("Content-Type"), type(e).__name__, file=sys.stderr)
    statuses[st] = statuses.get(st, 0) + 1
    conn.close()
five = sum(v for k, v in statuses.items() if isinstance(k, int) and k >= 500 and k != 501)
print("fuzz 5xx", five, sorted((str(k), v) for k, v in statuses.items()))
print("fuzz not json", len(notjson), notjson[:3])
# Raw requests Jetty itself refuses (URI or headers over 8 KiB, NUL in a header, unknown HTTP version, odd
# Expect) and bodies that stall or stop short: each answered with Ganeti's JSON body, none a 5xx.
def raw(head, body=b"", timeout=40):
    s = ctx.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=timeout), server_hostname="x")
    s.sendall(head.encode("latin-1") + b"\r\nHost: x\r\nAuthorization: " + auth.encode() + b"\r\n\r\n" + body)
    data = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except socket.timeout:
        pass
    s.close()
    head_, _, payload = data.partition(b"\r\n\r\n")
    status = int(head_.split(b" ")[1]) if head_ else 0
    try:
        ok = json.loads(payload)["code"] == status
    except Exception:
        ok = False
    return status, ok
from concurrent.futures import ThreadPoolExecutor
reqs = {"uri over 8 KiB": ("GET /2/info?x=" + "a" * 9000 + " HTTP/1.1", b""),
        "headers over 8 KiB": ("GET /2/info HTTP/1.1\r\nX-Big: " + "a" * 9000, b""),
        "NUL in a header": ("GET /2/info HTTP/1.1\r\nX-Nul: a\x00b", b""),
        "HTTP/3.7": ("GET /2/info HTTP/3.7", b""),
        "Expect: other": ("PUT /2/tags HTTP/1.1\r\nExpect: other\r\nContent-Length: 0", b""),
        "stalled body": ("PUT /2/tags HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 50", b"{}"),
        "unfinished chunks": ("PUT /2/tags HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
                              b"2\r\n{}\r\n")}
with ThreadPoolExecutor(len(reqs)) as pool:
    futures = {k: pool.submit(raw, *v) for k, v in reqs.items()}
    cases = {k: f.result() for k, f in futures.items()}
print("raw", sorted((k, v[0]) for k, v in cases.items() if not v[1] or v[0] in (0, 500, 502, 503)))
ok = []
def one():
    c = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=60)
    c.request("GET", "/2/info", headers={"Authorization": auth})
    ok.append(c.getresponse().status)
threads = [threading.Thread(target=one) for _ in range(200)]
[t.start() for t in threads]
[t.join() for t in threads]
print("concurrent", len([s for s in ok if s == 200]))
c = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=30)
c.request("GET", "/version", headers={"Authorization": auth})
print("alive", c.getresponse().read().decode())
PY
); rc=$?
check "fuzz: 2,000 malformed requests, no 5xx but 501" 0 $rc "$out" "^fuzz 5xx 0 "
check "fuzz: every error answer is Ganeti's JSON body" 0 $rc "$out" "^fuzz not json 0 "
check "raw requests Jetty refuses and stalled bodies: JSON errors, none a 5xx" 0 $rc "$out" "^raw \[\]$"
check "200 clients at once all answered" 0 $rc "$out" "^concurrent 200$"
check "the server is alive after the fuzz" 0 $rc "$out" "^alive 2$"

before=$(cert)
"$G" gnt-cluster destroy --yes-do-it >/dev/null 2>&1
out=$("$G" gnt-cluster init --enabled-hypervisors=fake --enabled-disk-templates=diskless --master-netdev=lo localhost 2>&1); rc=$?
after=$(cert)
[ "$before" != "$after" ]; check "gnt-cluster init gives the cluster a new RAPI certificate" 0 $? "$rc $out" "^0"


# destroy and init again at once, a few times: each init founds a new Raft group (the same cluster name is another
# cluster, the member restarts); its first job must survive the old member's end (it was lost, init waited 15 s
# and failed, or the job's write was refused by the stopping member)
bad=""
for k in 1 2 3 4; do
    out=$("$G" gnt-cluster destroy --yes-do-it 2>&1) || bad="$bad destroy$k: $out;"
    out=$("$G" gnt-cluster init --enabled-hypervisors=fake --enabled-disk-templates=diskless --master-netdev=lo \
        localhost 2>&1) || bad="$bad init$k: $out;"
    out=$("$G" gnt-job list --no-headers -o id,status 2>&1)
    echo "$out" | grep -qx " *1 success" || bad="$bad job$k: $out;"
done
check "destroy and init four times in a row: each init works and keeps its first job" 0 0 "failed:$bad" "^failed:$"

if [ $fails -gt 0 ]; then echo "rapi-test: $fails failed"; exit 1; fi
echo "rapi-test: all passed"
