#!/usr/bin/env bash
# Moving instances between the nodes of three appliances (./garnet up --nodes 3) with the fake hypervisor:
# gnt-instance move (file disks copied node to node), gnt-instance migrate (to a node given or chosen by hail,
# live and non-live, --cleanup after an interrupted migration) and failover, gnt-node migrate, failover and
# evacuate, gnt-backup export/import/list/remove, gnt-instance change-group and gnt-group evacuate, the watcher
# after an appliance restart, hbal -L -X (the seed's evacuation sequence) and hsqueeze -L -X, over the shell and
# the RAPI; Ganeti's refusals. Where an instance runs is read from each node's fake hypervisor (its run
# directory), not only from the configuration. Own GARNET_HOME; stops everything it started, also on failure.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export GARNET_HOME="$(mktemp -d /tmp/garnet-moves.XXXXXX)"
# the watcher runs every 3 s here (default 300), paused until its own section
export GARNET_WATCHER_INTERVAL=3
G="$ROOT/garnet"
fails=0
. "$ROOT/itests/scripts/lib.sh"
trap stop_cluster EXIT
N1=node1.garnet.test; N2=node2.garnet.test; N3=node3.garnet.test
img="$GARNET_HOME/test.img"; truncate -s 8M "$img"
add_inst() { "$G" gnt-instance add -t "$2" -s 1G -o image -O image_file="$img" --no-name-check --no-ip-check "${@:3}" "$1" 2>&1; }
# the nodes whose fake hypervisor runs instance $1 (numbers, e.g. "2")
runs_on() {
  local k out=""
  for k in 1 2 3; do
    [ -e "$GARNET_HOME/cluster/node$k/appliance/var/run/garnet/fake-hypervisor/$1" ] && out="$out$k"
  done
  echo "${out:-none}"
}
pnode() { "$G" gnt-instance list --no-headers -o pnode "$1" 2>&1; }

out=$("$G" up --nodes 3 2>&1); rc=$?
check "./garnet up --nodes 3" 0 $rc "$out" "^$N3 127\.0\.0\.13 candidate pid [0-9]+$"
[ $rc -eq 0 ] || exit 1
out=$("$G" gnt-cluster watcher pause 1h 2>&1); rc=$?
check "gnt-cluster watcher pause 1h" 0 $rc "$out" "^The watcher is paused until [A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9]{2} [0-9:]{8} [0-9]{4}\.$"

out=$(add_inst shared1.garnet.test sharedfile -n $N1); rc=$?
check "a sharedfile instance on node1" 0 $rc "$out" "starting instance"
out=$(runs_on shared1.garnet.test)
check "it runs on node1's hypervisor" 0 0 "$out" "^1$"

# live migration to the node given: Ganeti's steps in the job log, then it runs on node2 only
t0=$(date +%s%N)
out=$("$G" gnt-instance migrate -f -n $N2 shared1.garnet.test 2>&1); rc=$?
mig_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
check "gnt-instance migrate -n node2" 0 $rc "$out" "\* memory transfer complete"
check "its log: accept on the target, migrate, done" 0 0 "$out" "\* preparing $N2 to accept the instance"
out="$(pnode shared1.garnet.test) $(runs_on shared1.garnet.test)"
check "the configuration and the hypervisors agree: on node2 only" 0 0 "$out" "^$N2 2$"
echo "     (gnt-instance migrate, whole command: $mig_ms ms)"

# non-live, chosen by hail (the cluster's default iallocator)
out=$("$G" gnt-instance migrate -f --non-live shared1.garnet.test 2>&1); rc=$?
check "gnt-instance migrate --non-live without -n: hail chooses" 0 $rc "$out" \
  "Selected nodes for instance shared1\.garnet\.test via iallocator hail: node[13]\.garnet\.test"
now=$(pnode shared1.garnet.test)
out="$now $(runs_on shared1.garnet.test)"
check "it left node2 for the node hail chose" 0 0 "$out" "^node([13])\.garnet\.test \1$"

# failover: stopped on the source, started on the target
t0=$(date +%s%N)
out=$("$G" gnt-instance failover -f -n $N2 shared1.garnet.test 2>&1); rc=$?
fo_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
check "gnt-instance failover -n node2" 0 $rc "$out" "\* starting the instance on the target node $N2"
out="$(pnode shared1.garnet.test) $(runs_on shared1.garnet.test)"
check "after failover it runs on node2 only" 0 0 "$out" "^$N2 2$"
echo "     (gnt-instance failover, whole command: $fo_ms ms)"

# over the RAPI (Ganeti's PUT /2/instances/NAME/migrate and /failover bodies), on the cluster's master
read -r ruser rpw < <("$G" credentials)
rapi() { curl -sk -u "$ruser:$rpw" -H 'Content-Type: application/json' "$@"; }
rapi_wait() {
  local st=""
  for _ in $(seq 1 60); do
    st=$(rapi "https://127.0.0.11:5080/2/jobs/$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])' 2>/dev/null)
    case "$st" in success|error|canceled) break ;; esac
    sleep 0.5
  done
  echo "$st"
}
job=$(rapi -X PUT -d "{\"target_node\": \"$N3\", \"mode\": \"live\"}" https://127.0.0.11:5080/2/instances/shared1.garnet.test/migrate)
out="$(rapi_wait "$job") $(pnode shared1.garnet.test) $(runs_on shared1.garnet.test)"
check "RAPI PUT /2/instances/NAME/migrate {target_node}: a job that moves it to node3" 0 0 "$out" "^success $N3 3$"
job=$(rapi -X PUT -d "{\"target_node\": \"$N1\"}" https://127.0.0.11:5080/2/instances/shared1.garnet.test/failover)
out="$(rapi_wait "$job") $(pnode shared1.garnet.test) $(runs_on shared1.garnet.test)"
check "RAPI PUT /2/instances/NAME/failover {target_node}" 0 0 "$out" "^success $N1 1$"

# an interrupted migration: the instance runs on node1 and (a leftover) on node2; --cleanup stops the copy on
# the node the configuration does not name
cp "$GARNET_HOME/cluster/node1/appliance/var/run/garnet/fake-hypervisor/shared1.garnet.test" \
  "$GARNET_HOME/cluster/node2/appliance/var/run/garnet/fake-hypervisor/shared1.garnet.test"
out=$("$G" gnt-instance migrate -f --cleanup -n $N2 shared1.garnet.test 2>&1); rc=$?
check "migrate --cleanup with the instance on two nodes" 0 $rc "$out" \
  "instance confirmed to be running on its primary node \($N1\)"
out="$(pnode shared1.garnet.test) $(runs_on shared1.garnet.test)"
check "after the cleanup it runs on node1 only" 0 0 "$out" "^$N1 1$"

# a whole node: gnt-node migrate (one job per primary instance, made by OP_NODE_MIGRATE), gnt-node failover (one
# failover job per instance, the targets from hail), RAPI POST /2/nodes/NAME/migrate
out=$(add_inst shared2.garnet.test sharedfile -n $N1); rc=$?
check "a second sharedfile instance on node1" 0 $rc "$out" "starting instance"
out=$("$G" gnt-node migrate -f -n $N2 $N1 2>&1); rc=$?
check "gnt-node migrate -n node2 node1" 0 $rc "$out" "^All instances migrated successfully\.$"
out="$(pnode shared1.garnet.test) $(runs_on shared1.garnet.test) $(pnode shared2.garnet.test) $(runs_on shared2.garnet.test)"
check "both instances run on node2 only" 0 0 "$out" "^$N2 2 $N2 2$"
out=$("$G" gnt-node migrate -f $N1 2>&1); rc=$?
check "gnt-node migrate of a node without instances" 0 $rc "$out" "^No primary instances on node $N1, exiting\.$"
out=$("$G" gnt-node failover -f $N2 2>&1); rc=$?
check "gnt-node failover node2 (targets from hail)" 0 $rc "$out" "^All 2 instance\(s\) failed over successfully\.$"
out="$(runs_on shared1.garnet.test) $(runs_on shared2.garnet.test)"
check "... they left node2, each running on one node" 0 0 "$out" "^[13] [13]$"
# shared1's node migrates to node1, or to node3 when hail put shared1 on node1 (not onto itself)
src=$(pnode shared1.garnet.test); if [ "$src" = $N1 ]; then tgt=$N3; k=3; else tgt=$N1; k=1; fi
job=$(rapi -X POST -d "{\"target_node\": \"$tgt\"}" https://127.0.0.11:5080/2/nodes/$src/migrate)
st=$(rapi_wait "$job"); await_jobs_final
out="$st $(pnode shared1.garnet.test) $(runs_on shared1.garnet.test)"
check "RAPI POST /2/nodes/NAME/migrate {target_node}: its jobs move the instance there" 0 0 "$out" "^success $tgt $k$"
out=$("$G" gnt-job list --no-headers -o id,status,summary 2>&1 | grep -E "^ *[0-9]+ +error" | while read -r id _; do
  "$G" gnt-job info "$id" 2>&1 | grep -E "OP_|Result|error" | head -6; done)
check "no job of the node moves failed" 0 0 "${out:-none}" "^none$"
[ "$(pnode shared1.garnet.test)" = "$N1" ] || "$G" gnt-instance migrate -f -n $N1 shared1.garnet.test >/dev/null 2>&1

# gnt-node evacuate: the IAllocator's node-evacuate answer becomes one job per instance
out=$("$G" gnt-node evacuate -f $N1 2>&1); rc=$?
check "gnt-node evacuate without -p/-s: Ganeti's refusal of mode all" 1 $rc "$out" \
  "not possible to evacuate all instances at once"
out=$("$G" gnt-node evacuate -f -p $N1 2>&1); rc=$?
check "gnt-node evacuate -p node1" 0 $rc "$out" "^All instances evacuated successfully\.$"
check "... its log names the moves" 0 0 "$out" "Instances to be moved: .*shared1\.garnet\.test \(to node[23]\.garnet\.test\)"
out="$(runs_on shared1.garnet.test) $(runs_on shared2.garnet.test) $("$G" gnt-node list --no-headers -o pinst_cnt $N1)"
check "nothing runs on node1 and it is primary for nothing" 0 0 "$out" "^[23] [23] 0$"
out=$("$G" gnt-node evacuate -f -p $N1 2>&1); rc=$?
check "gnt-node evacuate of an empty node" 0 $rc "$out" "^No instances to evacuate on node\(s\) $N1, exiting\.$"
from=$(pnode shared1.garnet.test)
job=$(rapi -X POST -d '{"mode": "primary-only"}' https://127.0.0.11:5080/2/nodes/$from/evacuate)
st=$(rapi_wait "$job"); await_jobs_final
out="$st $(pnode shared1.garnet.test)"
check "RAPI POST /2/nodes/NAME/evacuate {mode: primary-only}: shared1 left $from" 0 0 "$out" "^success node[123]\.garnet\.test$"
[ "$(pnode shared1.garnet.test)" != "$from" ] || check "shared1 moved away from $from" 0 1 "$out" "^$"
[ "$(pnode shared1.garnet.test)" = "$N1" ] || "$G" gnt-instance migrate -f -n $N1 shared1.garnet.test >/dev/null 2>&1
out="$(pnode shared1.garnet.test) $(runs_on shared1.garnet.test)"
check "shared1 on node1 again (migrated back unless hail chose node1)" 0 0 "$out" "^$N1 1$"

# Ganeti's refusals, and nothing moved
out=$("$G" gnt-instance migrate -f -n $N1 shared1.garnet.test 2>&1); rc=$?
check "migrate to its own primary" 1 $rc "$out" "Cannot migrate instance shared1\.garnet\.test to its primary \($N1\)"
out=$("$G" gnt-instance migrate -f -n $N2 -I hail shared1.garnet.test 2>&1); rc=$?
check "migrate with both -n and -I" 1 $rc "$out" "Specify either an iallocator \(-I\), or a target node \(-n\) but not both"
out=$("$G" gnt-instance migrate -f --non-live --migration-mode=live -n $N2 shared1.garnet.test 2>&1); rc=$?
check "migrate --non-live --migration-mode" 1 $rc "$out" "Only one of the --non-live and --migration-mode options can be passed"
out=$(add_inst file1.garnet.test file -n $N3); rc=$?
check "a file instance on node3" 0 $rc "$out" "starting instance"
# gnt-instance move: the disk's data goes from node3 to node1 over the node daemons' TLS, gzip-compressed
disk_of() { find "$GARNET_HOME/cluster/node$1" -path "*/file1.garnet.test/*.file.disk0" 2>/dev/null | head -1; }
dd if=/dev/urandom of="$(disk_of 3)" bs=1M count=24 seek=100 conv=notrunc status=none
sum3=$(md5sum < "$(disk_of 3)")
out=$("$G" gnt-instance move -f -n $N1 --compress=gzip file1.garnet.test 2>&1); rc=$?
check "gnt-instance move -n node1 --compress=gzip" 0 $rc "$out" "disk/0 finished receiving data"
check "... its log: Ganeti's transfer steps" 0 0 "$out" "Exporting disk/0 from $N3 to $N1"
out="$(pnode file1.garnet.test) $(runs_on file1.garnet.test) $([ -n "$(disk_of 3)" ] && echo left || echo gone)"
check "file1 runs on node1 only and its disk left node3" 0 0 "$out" "^$N1 1 gone$"
out=$([ "$(md5sum < "$(disk_of 1)")" = "$sum3" ] && echo same || echo different)
check "the disk on node1 holds the same data" 0 0 "$out" "^same$"
out=$("$G" gnt-instance move -f -n $N1 file1.garnet.test 2>&1); rc=$?
check "move to the node it is on" 1 $rc "$out" "Instance file1\.garnet\.test is already on the node $N1"
out=$("$G" gnt-instance move -f -n $N2 shared1.garnet.test 2>&1); rc=$?
check "moving a sharedfile instance: Ganeti's refusal" 1 $rc "$out" \
  "Instance disk 0 has disk type sharedfile and is not suitable for copying"
out=$("$G" gnt-instance move -f -n $N3 file1.garnet.test 2>&1); rc=$?
check "move back to node3, uncompressed" 0 $rc "$out" "disk/0 sent 1\.0G"
out=$("$G" gnt-instance migrate -f -n $N2 file1.garnet.test 2>&1); rc=$?
check "migrating a file instance: Ganeti's refusal" 1 $rc "$out" "Instance's disk layout 'file' does not allow migrations"
out=$("$G" gnt-instance failover -f -n $N2 file1.garnet.test 2>&1); rc=$?
check "failing over a file instance: Ganeti's refusal" 1 $rc "$out" "Instance's disk layout 'file' does not allow failovers"
"$G" gnt-instance shutdown shared1.garnet.test >/dev/null 2>&1
out=$("$G" gnt-instance migrate -f -n $N2 shared1.garnet.test 2>&1); rc=$?
check "migrating a stopped instance" 1 $rc "$out" "Can't migrate, please use failover: Instance shared1\.garnet\.test is not running"
out=$("$G" gnt-instance migrate -f --allow-failover -n $N2 shared1.garnet.test 2>&1); rc=$?
check "... with --allow-failover it fails over (stopped)" 0 $rc "$out" "switching to failover"
out="$(pnode shared1.garnet.test) $(runs_on shared1.garnet.test)"
check "the stopped instance is on node2 now, running nowhere" 0 0 "$out" "^$N2 none$"
"$G" gnt-node modify --drained=yes $N3 >/dev/null 2>&1
out=$("$G" gnt-instance failover -f -n $N3 shared1.garnet.test 2>&1); rc=$?
check "failover to a drained node" 1 $rc "$out" "Can't use drained node $N3"
"$G" gnt-node modify --drained=no $N3 >/dev/null 2>&1
# the seed's evacuation sequence, verbatim but for the names: drain node2, hbal -L -X empties it, offline and
# online again, hbal -L -X brings instances back, to the score hbal -L predicted
"$G" gnt-instance startup shared1.garnet.test >/dev/null 2>&1
for k in 3 4 5; do add_inst shared$k.garnet.test sharedfile -n $N2 -B memory=2G >/dev/null; done
"$G" gnt-node modify --drained=yes $N2 >/dev/null 2>&1
out=$("$G" hbal -L -X 2>&1); rc=$?
check "hbal -L -X with node2 drained: the moves run as jobs" 0 $rc "$out" "^Got job IDs [0-9]+"
await_jobs_final
out=$("$G" gnt-node list --no-headers -o pinst_cnt $N2 2>&1)
check "node2 ends with no primary instance" 0 0 "$out" "^0$"
out=$(ls "$GARNET_HOME/cluster/node2/appliance/var/run/garnet/fake-hypervisor/" | grep -c garnet.test)
check "... and its hypervisor runs nothing" 0 0 "$out" "^0$"
# node2 stays offline for a while (at most 30 s) so that its Raft member, taken out of the group, hears no leader,
# campaigns, is told it is no member and is closed by Ratis: it must start again empty and be added back (CI saw a
# closed member refuse every entry for good). A member that had not joined yet (empty, waiting to be added) does
# not campaign and is not closed; the verify after the moves checks the group either way
log2="$GARNET_HOME/cluster/node2/appliance/data/log/karaf.log"
stops_before=$(grep -c "Raft member $N2 stopped" "$log2" 2>/dev/null)
out=$("$G" gnt-node modify --offline=yes $N2 2>&1); rc=$?
for _ in $(seq 1 60); do
  [ "$(grep -c "Raft member $N2 stopped" "$log2" 2>/dev/null)" -gt "${stops_before:-0}" ] && break
  sleep 0.5
done
stopped=$(grep "Raft member $N2 stopped" "$log2" 2>/dev/null | tail -n +$(( ${stops_before:-0} + 1 )) | head -1)
msg=${stopped:+Raft member ${stopped##*Raft member }}
echo "       (node2 offline; its log: ${msg:-no Raft member stopped within 30 s})"
out="$out
$("$G" gnt-node modify --online=yes $N2 2>&1)"; rc=$((rc + $?))
check "gnt-node modify --offline=yes, then --online=yes node2" 0 $rc "$out" "offline -> False"
check "... offlining a drained node clears drained (Ganeti's roles are exclusive)" 0 0 "$out" "^ - drained -> False$"
out=$("$G" gnt-node list --no-headers -o drained,offline $N2 2>&1)
check "node2 is neither drained nor offline now" 0 0 "$out" "^N +N$"
out=$("$G" hbal -L -X 2>&1); rc=$?
check "hbal -L -X again: instances come back to node2" 0 $rc "$out" "^Got job IDs [0-9]+"
predicted=$(sed -n 's/^Cluster score improved from .* to \([0-9.]*\)$/\1/p' <<<"$out")
await_jobs_final
out=$("$G" gnt-node list --no-headers -o pinst_cnt $N2 2>&1)
check "node2 is primary for instances again" 0 0 "$out" "^[1-9]"
# the score hbal predicted, against the one it finds now: the nodes' free memory is read live and all three
# appliances share this machine's memory, which other processes move by some hundred MB between the two runs,
# so the two agree within 20% here (on separate machines they would be equal)
actual=$("$G" hbal -L 2>&1 | sed -n 's/^Initial score: \([0-9.]*\)$/\1/p')
out=$(awk -v p="${predicted:-0}" -v a="${actual:-9}" 'BEGIN { d = a - p; if (d < 0) d = -d; print (p > 0 && d <= 0.2 * p) ? "close" : "far" }')
check "the score after the moves ($actual) is the one hbal -L -X predicted ($predicted)" 0 0 "$out" "^close$"

# node3, undrained, is a candidate again: wait (bounded) until the leader has made it a member of the candidates'
# Raft group, which verify checks
for _ in $(seq 1 60); do
  out=$("$G" gnt-cluster verify 2>&1); rc=$?
  [ $rc -eq 0 ] && ! grep -q ERROR <<<"$out" && break
  sleep 1
done
if [ $rc -ne 0 ] || grep -q ERROR <<<"$out"; then
  # seen once in CI (node3 "not a member of the candidates' Raft group"): what each node logged about Raft
  for k in 1 2 3; do
    echo "     node$k ($(ps -o rss= -p "$(cat "$GARNET_HOME/cluster/node$k/appliance/karaf.pid")" 2>/dev/null) KiB):"
    grep -h -i -E "raft|membership|OutOfMemory|configuration" \
      "$GARNET_HOME/cluster/node$k/appliance/data/log/karaf.log" 2>/dev/null | grep -v $'^\tat ' | tail -n 8 \
      | cut -c1-600 | sed 's/^/       /'
    # the exceptions behind failed Raft requests (seen: a rejoining candidate failing every AppendEntries)
    grep -h -E '^[A-Za-z0-9_.$]+(Exception|Error)(: |$)' "$GARNET_HOME/cluster/node$k/appliance/data/log/karaf.log" \
      2>/dev/null | cut -c1-300 | sort | uniq -c | sort -rn | head -n 5 | sed 's/^/       /'
  done
fi
check "gnt-cluster verify after all the moves: no error" 0 $rc "$out" "Verifying N\+1 Memory redundancy"
check "... and no line with ERROR" 0 0 "$(grep -c 'ERROR' <<<"$out")" "^0$"

# What follows changes the candidates' Raft membership again (node1 to another group and back, a node put on
# standby): it runs after the check above, because a candidate sometimes fails to rejoin the group after such
# churn (seen in CI twice, issue 14, not fixed yet); each section checks its own results.
# gnt-backup: a running file instance on node3 exported to node1 through the image OS's export script, listed,
# imported under a new name onto node2 through its import script (the data equal), exported over the RAPI,
# removed
out=$("$G" gnt-instance add -t file -s 64M -o image -O image_file="$img" --ignore-ipolicy --no-name-check \
  --no-ip-check -n $N3 bk1.garnet.test 2>&1); rc=$?
check "a small file instance bk1 on node3" 0 $rc "$out" "starting instance"
out=$("$G" gnt-backup export -n $N1 bk1.garnet.test 2>&1); rc=$?
check "gnt-backup export of a running file instance without --long-sleep: Ganeti's refusal" 1 $rc "$out" \
  "you did not allow the instance to remain offline for a longer time through the --long-sleep option"
out=$("$G" gnt-backup export -n $N1 --long-sleep --transport-compression=gzip bk1.garnet.test 2>&1); rc=$?
check "gnt-backup export -n node1 --long-sleep --transport-compression=gzip" 0 $rc "$out" "Finalizing export on $N1"
check "... it runs again on node3 only" 0 0 "$(runs_on bk1.garnet.test)" "^3$"
out=$("$G" gnt-backup list 2>&1); rc=$?
check "gnt-backup list: the export on node1" 0 $rc "$out" "^$N1 +bk1\.garnet\.test$"
check "... nodes without an export directory: no data" 0 0 "$out" "^$N2 +\?$"
conf=$(find "$GARNET_HOME/cluster/node1" -path "*/srv/ganeti/export/bk1.garnet.test/config.ini" | head -1)
out=$(cat "$conf" 2>&1)
check "its config.ini (Ganeti's format): the OS and the disk" 0 0 "$out" "^os = image$"
bk_disk() { find "$GARNET_HOME/cluster/node$1" -path "*/$2/*.file.disk0" 2>/dev/null | head -1; }
out=$("$G" gnt-backup import -t file -n $N2 --src-node=$N1 --src-dir=bk1.garnet.test --net 0:mac=generate \
  --ignore-ipolicy --no-name-check --no-ip-check bk2.garnet.test 2>&1); rc=$?
check "gnt-backup import onto node2" 0 $rc "$out" "Running rename script for bk2\.garnet\.test"
out="$(md5sum < "$(bk_disk 3 bk1.garnet.test)") $(md5sum < "$(bk_disk 2 bk2.garnet.test)")"
check "bk2's disk on node2 holds bk1's data" 0 0 "$out" "^([0-9a-f]+)  - \1  -$"
out=$("$G" gnt-instance list --no-headers -o pnode,status bk2.garnet.test 2>&1)
check "... and is not started (Ganeti's import)" 0 0 "$out" "^$N2 +ADMIN_down$"
job=$(rapi -X PUT -d "{\"destination\": \"$N3\", \"shutdown\": true}" \
  https://127.0.0.11:5080/2/instances/bk2.garnet.test/export)
out="$(rapi_wait "$job") $("$G" gnt-backup list --no-headers --node $N3 2>&1)"
check "RAPI PUT /2/instances/NAME/export {destination}" 0 0 "$out" "^success $N3 +bk2\.garnet\.test$"
out=$("$G" gnt-backup remove bk1.garnet.test 2>&1); rc=$?
check "gnt-backup remove bk1 (node2 has no export directory: Ganeti's warning)" 0 $rc "$out" \
  "WARNING: Failed to query node $N2 \(continuing\)"
out=$("$G" gnt-backup list --no-headers --node $N1 2>&1 | grep -c bk1)
check "... its export is gone" 0 0 "$out" "^0$"
"$G" gnt-instance remove -f bk1.garnet.test >/dev/null 2>&1; "$G" gnt-instance remove -f bk2.garnet.test >/dev/null 2>&1

# groups: shared1 changes group into groupA (node1 alone), then the seed's line evacuates groupA; hail's
# change-group answers become jobs with the reason trail inherited. A one-node group can never be N+1 redundant,
# so hail (Ganeti's as ours) refuses any place in it while its capacity check is on (FailN1): it is off meanwhile
"$G" gnt-instance startup shared1.garnet.test >/dev/null 2>&1
out=$("$G" gnt-instance change-group --to groupA shared1.garnet.test 2>&1); rc=$?
check "change-group to a group that does not exist" 1 $rc "$out" "Group 'groupA' not found"
out=$("$G" gnt-group add groupA 2>&1 && "$G" gnt-group assign-nodes groupA $N1 2>&1); rc=$?
check "gnt-group add groupA; assign-nodes groupA node1" 0 $rc "$out" ".*"
out=$("$G" gnt-instance change-group --to groupA shared1.garnet.test 2>&1); rc=$?
check "change-group into a one-node group with hail's capacity check on: FailN1" 1 $rc "$out" "FailN1: 1"
"$G" gnt-cluster modify --default-iallocator-params=no-capacity-checks >/dev/null 2>&1
out=$("$G" gnt-instance change-group --to groupA shared1.garnet.test 2>&1); rc=$?
check "gnt-instance change-group --to groupA shared1" 0 $rc "$out" "Instance 'shared1\.garnet\.test' changed group successfully\."
out="$(pnode shared1.garnet.test) $(runs_on shared1.garnet.test)"
check "shared1 runs on node1 (groupA) now" 0 0 "$out" "^$N1 1$"
out=$("$G" gnt-group evacuate --reason="rate-limit:7:maintenance 123" groupA 2>&1); rc=$?
check "gnt-group evacuate --reason=\"rate-limit:7:maintenance 123\" groupA" 0 $rc "$out" "All instances evacuated successfully\."
out="$(pnode shared1.garnet.test) $(runs_on shared1.garnet.test)"
check "shared1 left groupA" 0 0 "$out" "^node[23]\.garnet\.test [23]$"
last=$("$G" gnt-job list --no-headers -o id 2>&1 | tail -1)
out=$("$G" gnt-job info "$last" 2>&1)
check "the instance's job carries the reason given" 0 0 "$out" "rate-limit:7:maintenance 123"
out=$("$G" gnt-group assign-nodes default $N1 2>&1 && "$G" gnt-group remove groupA 2>&1); rc=$?
check "node1 back in default, groupA removed" 0 $rc "$out" ".*"
"$G" gnt-cluster modify --default-iallocator-params= >/dev/null 2>&1

# the watcher (the seed's "restart instances after power outage"): node2's appliance is killed and shared1's
# guest there dies with it (its fake hypervisor's run file goes, as a host losing power takes its guests); once
# node2 is back, the watcher, when no longer paused, starts shared1 again with a job whose reason is gnt:watcher
"$G" gnt-instance startup shared1.garnet.test >/dev/null 2>&1
"$G" gnt-instance migrate -f -n $N2 shared1.garnet.test >/dev/null 2>&1
check "shared1 runs on node2" 0 0 "$(pnode shared1.garnet.test) $(runs_on shared1.garnet.test)" "^$N2 2$"
kill_node 2
rm -f "$GARNET_HOME/cluster/node2/appliance/var/run/garnet/fake-hypervisor/shared1.garnet.test"
out=$("$G" up --nodes 3 2>&1); rc=$?
check "node2's appliance back after kill -9" 0 $rc "$out" "^$N2 127\.0\.0\.12 "
if [ $rc -ne 0 ] || ! grep -q "^$N2 127\.0\.0\.12 " <<<"$out"; then # what became of it, for the log
  echo "--- ./garnet status; node2's karaf.log (last 40 lines)"
  "$G" status 2>&1 | tail -5
  tail -40 "$GARNET_HOME/cluster/node2/appliance/data/log/karaf.log" 2>&1
fi
out=$("$G" gnt-instance list --no-headers -o status shared1.garnet.test 2>&1)
check "shared1 is marked up but does not run: ERROR_down" 0 0 "$out" "^ERROR_down$"
out=$("$G" gnt-cluster watcher info 2>&1); rc=$?
check "gnt-cluster watcher info: paused, so nothing restarts it" 0 $rc "$out" "^The watcher is paused until "
out=$("$G" gnt-cluster watcher continue 2>&1); rc=$?
check "gnt-cluster watcher continue" 0 $rc "$out" "^The watcher is no longer paused\.$"
for _ in $(seq 1 60); do   # bounded: the watcher runs every 3 s
  out=$("$G" gnt-instance list --no-headers -o status shared1.garnet.test 2>&1)
  [ "$out" = running ] && break; sleep 0.5
done
check "the watcher started shared1 again on node2" 0 0 "$out $(runs_on shared1.garnet.test)" "^running 2$"
job=$("$G" gnt-job list --no-headers -o id,summary 2>&1 | grep "INSTANCE_STARTUP(shared1.garnet.test)" | tail -1 \
  | awk '{print $1}')
out=$("$G" gnt-job info "$job" 2>&1)
check "... by a job whose reason trail says gnt:watcher" 0 0 "$out" "gnt:watcher"
out=$("$G" gnt-cluster watcher pause 2>&1); rc=$?
check "gnt-cluster watcher pause without a duration" 1 $rc "$out" "Missing pause duration"
out=$("$G" gnt-cluster watcher pause 1h 2>&1; "$G" gnt-cluster watcher info 2>&1)
check "paused again for the rest of the test" 0 0 "$out" "^The watcher is paused until "

# hsqueeze -L -X (Ganeti's job sets, run in the master appliance's shell): node2 holds only sharedfile instances,
# so it goes on standby: its instances move off, it is tagged htools:standby:auto, marked offline and powered off
# through its out-of-band program (it has none: Ganeti's "unavailable" for it, and the job succeeds)
out=$("$G" hsqueeze -L -X 2>&1); rc=$?
check "hsqueeze -L -X: nodes to offline" 0 $rc "$out" "^'Nodes to offline'"
check "... node2" 0 0 "$out" "^$N2"
check "... the job sets ran" 0 0 "$out" "^Got job IDs [0-9]+"
out=$("$G" gnt-node list --no-headers -o offline,pinst_cnt,tags $N2 2>&1)
check "node2 is offline, without instances, tagged for standby" 0 0 "$out" "^Y +0 +htools:standby:auto$"
out=$(ls "$GARNET_HOME/cluster/node2/appliance/var/run/garnet/fake-hypervisor/" | grep -c garnet.test)
check "... and its hypervisor runs nothing" 0 0 "$out" "^0$"
out=$("$G" gnt-node power status $N2 2>&1); rc=$?
check "gnt-node power status: no out-of-band program on node2" 1 $rc "$out" "^$N2 +\(unavail\)$"
"$G" gnt-node modify --online=yes $N2 >/dev/null 2>&1
"$G" gnt-node remove-tags $N2 htools:standby:auto >/dev/null 2>&1

echo "moves-test: $fails failure(s)"
[ $fails -eq 0 ]
