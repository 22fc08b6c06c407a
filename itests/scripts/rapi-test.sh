#!/usr/bin/env bash
# RAPI through Ganeti's own Python client (python3-ganeti-rapi, run with /usr/bin/python3) and curl against a
# fresh appliance: version, features, info, jobs, instance create/list/shutdown/startup through jobs, and
# Ganeti's error answers (401 without credentials, 404, 501 for resources not served yet). Own home and ports.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export GARNET_HOME="$(mktemp -d /tmp/garnet-rapi.XXXXXX)"
export GARNET_SSH_PORT="${GARNET_RAPI_SSH_PORT:-8124}"
export GARNET_RAPI_PORT="${GARNET_IT_RAPI_PORT:-5084}"
G="$ROOT/garnet"
fails=0
trap '"$G" down >/dev/null 2>&1; rm -rf "$GARNET_HOME"' EXIT
check() {  # check NAME EXPECTED-RC ACTUAL-RC OUTPUT REGEX
  local name=$1 want=$2 got=$3 out=$4 re=$5
  if [ "$got" -eq "$want" ] && grep -Eq -- "$re" <<<"$out"; then echo "ok   - $name"
  else echo "FAIL - $name (exit $got, wanted $want; output:)"; sed 's/^/       /' <<<"$out"; fails=$((fails + 1)); fi
}

"$G" up >/dev/null 2>&1 || { echo "FAIL - garnet up"; exit 1; }
read -r user pw < <("$G" credentials)
check "./garnet credentials prints the demo user" 0 0 "$user $pw" "^garnet [A-Za-z0-9]{8,}$"
url="https://127.0.0.1:$GARNET_RAPI_PORT"
img="$GARNET_HOME/test.img"; truncate -s 8M "$img"

out=$(curl -sk -w ' %{http_code}' "$url/2/info"); rc=$?
check "no credentials: 401 with Ganeti's error body" 0 $rc "$out" '^\{"code":401,"message":"Unauthorized","explain":"Authentication is required"\} 401$'
out=$(curl -sk -u "$user:wrong" -w ' %{http_code}' "$url/version")
check "wrong password: 401" 0 0 "$out" ' 401$'
out=$(curl -sk -u "$user:$pw" -w ' %{http_code}' "$url/2/nosuch")
check "unknown resource: 404" 0 0 "$out" '"code":404.* 404$'
out=$(curl -sk -u "$user:$pw" -w ' %{http_code}' "$url/2/nodes")
check "a Ganeti resource not served yet: 501 with an explanation" 0 0 "$out" '"code":501.*not implemented in Garnet yet.* 501$'
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
job = c.CreateInstance("create", "rapi1.example.com", "file", [{"size": 1024}], [{}], os="image",
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
out=$("$G" gnt-instance list --no-headers -o name,tags 2>&1)
check "the instance made through the RAPI is seen by the shell" 0 0 "$out" "^rapi1\.example\.com +rapi$"

if [ $fails -gt 0 ]; then echo "rapi-test: $fails failed"; exit 1; fi
echo "rapi-test: all passed"
