#!/usr/bin/env bash
# The launcher as a user meets it: ./garnet up on a fresh data directory, gnt commands with Ganeti's output
# and exit codes, bad input refused without change, ./garnet down. Uses its own GARNET_HOME and SSH port so that
# it never touches an appliance started by hand. Prints the timings it measured.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export GARNET_HOME="$(mktemp -d /tmp/garnet-it.XXXXXX)"
export GARNET_SSH_PORT="${GARNET_IT_SSH_PORT:-8121}"
export GARNET_RAPI_PORT="${GARNET_IT_RAPI_PORT:-5081}"
export GARNET_NODED_PORT="${GARNET_IT_NODED_PORT:-1821}"
G="$ROOT/garnet"
fails=0
trap '"$G" down >/dev/null 2>&1; rm -rf "$GARNET_HOME"' EXIT

. "$ROOT/itests/scripts/lib.sh"
check_line() {  # check_line NAME EXPECTED-RC ACTUAL-RC OUTPUT EXPECTED-OUTPUT (exact)
  local name=$1 want=$2 got=$3 out=$4 exp=$5
  if [ "$got" -eq "$want" ] && [ "$out" = "$exp" ]; then echo "ok   - $name"
  else echo "FAIL - $name (exit $got, wanted $want, expected '$exp'; output:)"; sed 's/^/       /' <<<"$out"
    fails=$((fails + 1)); fi
}

t0=$(date +%s%N)
out=$("$G" up 2>&1); rc=$?
t_up=$(( ($(date +%s%N) - t0) / 1000000 ))
check "garnet up starts and initialises a cluster" 0 $rc "$out" "Garnet is running"

out=$("$G" status 2>&1); rc=$?
check "garnet status" 0 $rc "$out" "running"

node=$("$G" gnt-cluster getmaster 2>/dev/null)
out=$("$G" gnt-node list 2>&1); rc=$?
check "gnt-node list has Ganeti's default columns" 0 $rc "$out" "^Node +DTotal +DFree +MTotal +MNode +MFree +Pinst +Sinst$"
check "gnt-node list shows this node with real figures" 0 $rc "$out" "^$node +[0-9.]+[MGT] +[0-9.]+[MGT] +[0-9.]+[MGT] +[0-9.]+[MGT] +[0-9.]+[MGT] +0 +0$"

out=$("$G" gnt-node list --no-headers --separator='|' -o name,mtotal,role 2>&1); rc=$?
check "gnt-node list -o, --separator (units in MiB), --no-headers" 0 $rc "$out" "^$node\|[0-9]+\|M$"

out=$("$G" gnt-node list -o name,nosuchfield 2>/dev/null); rc=$?
check "unknown field: ?? column and exit 14" 14 $rc "$out" "^$node +\?\?$"
err=$("$G" gnt-node list -o name,nosuchfield 2>&1 >/dev/null)
check "unknown field: warning on stderr" 0 0 "$err" "^Warning: Queried for unknown fields nosuchfield$"

out=$("$G" gnt-cluster getmaster 2>&1); rc=$?
check "gnt-cluster getmaster names this node" 0 $rc "$out" "^[A-Za-z0-9.-]+$"

out=$("$G" gnt-cluster info 2>&1); rc=$?
check "gnt-cluster info" 0 $rc "$out" "^Master node: $node$"

out=$("$G" gnt-cluster init --master-netdev=lo other 2>&1); rc=$?
check "gnt-cluster init twice is refused" 1 $rc "$out" "^Cluster is already initialised$"

out=$("$G" gnt-cluster modify --enabled-hypervisors=fake,nosuch 2>&1); rc=$?
check "modify with an unknown hypervisor is refused" 1 $rc "$out" "invalid entries: \{'nosuch'\}"

out=$("$G" gnt-cluster modify --max-running-jobs 7 2>&1); rc=$?
check "gnt-cluster modify --max-running-jobs" 0 $rc "$out" "^$"
out=$("$G" gnt-cluster info 2>&1)
check "modify took effect, other fields unchanged" 0 0 "$out" "maximal number of jobs running simultaneously: 7"
check "enabled hypervisors unchanged after refused modify" 0 0 "$out" "^Enabled hypervisors: fake, kvm$"

out=$("$G" gnt-debug delay 0.1 2>&1); rc=$?
check "gnt-debug delay runs a job and waits" 0 $rc "$out" "^$"
out=$("$G" gnt-debug delay --submit 0.1 2>&1); rc=$?
check "gnt-debug delay --submit prints the job id" 0 $rc "$out" "^JobID: [0-9]+$"
jid=$(sed -n 's/^JobID: //p' <<<"$out")
out=$("$G" gnt-job wait "$jid" 2>&1); rc=$?
check "gnt-job wait on a successful job" 0 $rc "$out" "^$"
out=$("$G" gnt-job list 2>&1); rc=$?
check "gnt-job list: Ganeti's default columns and summary" 0 $rc "$out" "^ *$jid success TEST_DELAY\(0.1\)$"
out=$("$G" gnt-job list --no-headers -o id,status,priority --separator=: "$jid" 2>&1); rc=$?
check "gnt-job list -o with a job id" 0 $rc "$out" "^$jid:success:0$"
out=$("$G" gnt-job list --no-headers -o id,status --separator=: -F "id == $jid and status == \"success\"" 2>&1); rc=$?
check_line "gnt-job list -F (Ganeti's query language)" 0 $rc "$out" "$jid:success"
out=$("$G" gnt-job list --no-headers -o id --error -F "id == $jid" 2>&1); rc=$?
check_line "gnt-job list -F with --error: the status options narrow the filter" 0 $rc "$out" ""
out=$("$G" gnt-job list -F 'id ==' 2>&1); rc=$?
check "gnt-job list -F with a malformed filter: ECODE_INVAL" 1 $rc "$out" "Failed to parse query filter"
out=$("$G" gnt-job info "$jid" 2>&1); rc=$?
check "gnt-job info shows opcodes and the reason trail" 0 $rc "$out" "gnt:client:gnt-debug"
out=$("$G" gnt-cluster verify 2>&1); rc=$?
check "gnt-cluster verify expands into one job per group and passes" 0 $rc "$out" "^Waiting for job [0-9]+ \.\.\.$"
check "gnt-cluster verify prints the group job's log" 0 $rc "$out" "\* Verifying group 'default'$"
ops="$GARNET_HOME/ops.json"
echo '[{"OP_ID": "OP_TEST_DELAY", "duration": 0.01}]' > "$ops"
out=$("$G" gnt-debug submit-job --job-repeat 3 --timing-stats "$ops" 2>&1); rc=$?
check "gnt-debug submit-job --job-repeat --timing-stats" 0 $rc "$out" "^C:job +3$"
echo '[{"OP_ID": "OP_NO_SUCH"}]' > "$ops"
out=$("$G" gnt-debug submit-job "$ops" 2>&1); rc=$?
check "submit-job with an unknown opcode is refused at submission" 1 $rc "$out" "Unknown opcode 'OP_NO_SUCH'"
out=$("$G" gnt-debug delay --submit 60 2>&1)
jid=$(sed -n 's/^JobID: //p' <<<"$out")
out=$("$G" gnt-job cancel "$jid" 2>&1); rc=$?
check "gnt-job cancel of a running job" 0 $rc "$out" "^Job $jid will be canceled$"
out=$("$G" gnt-job cancel --pending 2>&1); rc=$?
check "gnt-job cancel --pending with nothing pending" 1 $rc "$out" "No jobs with the requested status have been found"
out=$("$G" gnt-job wait "$jid" 2>&1); rc=$?
check "gnt-job wait on a canceled job fails" 1 $rc "$out" "^Job $jid failed: .*canceled"
out=$("$G" gnt-debug test-jobqueue 2>&1); rc=$?
check "gnt-debug test-jobqueue" 0 $rc "$out" "^Job queue test successful$"
out=$("$G" gnt-debug locks 2>&1); rc=$?
check "gnt-debug locks" 0 $rc "$out" "^Name +Mode +Owner +Pending$"

# The htools in the appliance's own shell (warm JVM) and standalone (./garnet hspace: a JVM of its own)
in_shell() { ssh -p "$GARNET_SSH_PORT" -i "$GARNET_HOME/ssh/id_rsa" -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=QUIET -o SetEnv=GARNET_ERR_MARKER=@@err@@ \
    garnet@127.0.0.1 "$@"; }
out=$(in_shell "hspace --simulate=p,4,8T,64g,16 --disk-template=drbd --machine-readable" 2>/dev/null); rc=$?
check "hspace typed in the appliance's shell" 0 $rc "$out" "^HTS_ALLOC_INSTANCES=[1-9][0-9]*$"
out2=$(cd / && "$G" hspace --simulate=p,4,8T,64g,16 --disk-template=drbd --machine-readable 2>&1); rc=$?
[ "$out" = "$out2" ]; check "./garnet hspace answers the same as the shell" 0 $? "$out2" "^HTS_OK=1$"
out=$(in_shell "hinfo -t /nonexistent" 2>/dev/null); rc=$?
check "an htool's error in the shell: Ganeti's message (on the error channel) and exit 1" 1 $rc "$out" "^@@err@@Error: failed to load data, aborting: /nonexistent"

out=$("$G" gnt-nosuch 2>/dev/null); rc=$?
check "./garnet gnt-nosuch: usage on stdout, exit 1" 1 $rc "$out" "^Usage: garnet"

out=$("$G" gnt-cluster nosuchverb 2>/dev/null); rc=$?
check "unknown verb: the tool's usage on stdout, exit 1 (as Ganeti)" 1 $rc "$out" "^Usage: gnt-cluster \{command\}"

t0=$(date +%s%N)
out=$("$G" down 2>&1); rc=$?
t_down=$(( ($(date +%s%N) - t0) / 1000000 ))
check "garnet down" 0 $rc "$out" "stopped"

echo "figures: garnet up (incl. build check, start, init) ${t_up} ms; garnet down ${t_down} ms"
if [ $fails -gt 0 ]; then echo "garnet-up-test: $fails failed"; exit 1; fi
echo "garnet-up-test: all passed"
