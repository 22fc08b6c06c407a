#!/usr/bin/env bash
# Moving instances while a node dies, on three appliances (./garnet up --nodes 3, fake hypervisor): a node killed
# (kill -9) in the middle of a gnt-instance move's copy, a migration to a node that is dead, a node evacuation
# while a node is dead. A command that cannot succeed fails within a bound with an error naming what failed, and
# every instance is in one consistent place: running where the configuration says, on no other node, its data
# intact.
# Own GARNET_HOME; stops everything it started, also on failure.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export GARNET_HOME="$(mktemp -d /tmp/garnet-faults.XXXXXX)"
export GARNET_WATCHER_INTERVAL=3600
G="$ROOT/garnet"
fails=0
. "$ROOT/itests/scripts/lib.sh"
trap stop_cluster EXIT
N1=node1.garnet.test; N2=node2.garnet.test; N3=node3.garnet.test
img="$GARNET_HOME/test.img"; truncate -s 8M "$img"
runs_on() {
  local k out=""
  for k in 1 2 3; do
    [ -e "$GARNET_HOME/cluster/node$k/appliance/var/run/garnet/fake-hypervisor/$1" ] && out="$out$k"
  done
  echo "${out:-none}"
}
pnode() { "$G" gnt-instance list --no-headers -o pnode "$1" 2>&1; }
ms() { echo $(( $(date +%s%N) / 1000000 )); }
disk_of() { find "$GARNET_HOME/cluster/node$1" -path "*/$2/*.file.disk0" 2>/dev/null | head -1; }

out=$("$G" up --nodes 3 2>&1); rc=$?
check "./garnet up --nodes 3" 0 $rc "$out" "^$N3 127\.0\.0\.13 candidate pid [0-9]+$"
[ $rc -eq 0 ] || exit 1

# 1. gnt-instance move: node3 dies while node2 sends it the disk's data
out=$("$G" gnt-instance add -t file -s 1G -o image -O image_file="$img" --no-name-check --no-ip-check -n $N2 \
  f1.garnet.test 2>&1); rc=$?
check "a file instance f1 with a 1 GiB disk on node2" 0 $rc "$out" "starting instance"
dd if=/dev/urandom of="$(disk_of 2 f1.garnet.test)" bs=1M count=64 seek=100 conv=notrunc status=none
sum_before=$(md5sum < "$(disk_of 2 f1.garnet.test)")
job=$("$G" gnt-instance move --submit -f -n $N3 f1.garnet.test 2>&1 | sed -n 's/^JobID: //p')
for _ in $(seq 1 120); do   # bounded: until node2 sends
  "$G" gnt-job info "$job" 2>/dev/null | grep -q "disk/0 is sending data" && break; sleep 0.25
done
t0=$(ms); kill_node 3
for _ in $(seq 1 240); do
  st=$("$G" gnt-job list --no-headers -o status "$job" 2>/dev/null)
  case "$st" in success|error|canceled) break ;; esac; sleep 0.5
done
took=$(( $(ms) - t0 ))
out="$st $("$G" gnt-job info "$job" 2>&1)"
check "the move fails once its target died (in ${took} ms; bound 60 s)" 0 \
  $([ "$took" -le 60000 ] && echo 0 || echo 1) "$out" "^error"
check "... saying the copy failed" 0 0 "$out" "Errors during disk copy"
out="$(pnode f1.garnet.test) $(runs_on f1.garnet.test) $("$G" gnt-instance list --no-headers -o status f1.garnet.test)"
check "f1 stays on node2, running there only" 0 0 "$out" "^$N2 2 running$"
check "... its disk intact" 0 0 "$(md5sum < "$(disk_of 2 f1.garnet.test)")" "^${sum_before% *}"

# 2. a migration to a dead node: an error naming it, within a bound; the instance keeps running where it was
out=$("$G" gnt-instance add -t sharedfile -s 1G -o image -O image_file="$img" --no-name-check --no-ip-check \
  -n $N1 s1.garnet.test 2>&1); rc=$?
check "a sharedfile instance s1 on node1" 0 $rc "$out" "starting instance"
t0=$(ms)
out=$("$G" gnt-instance migrate -f -n $N3 s1.garnet.test 2>&1); rc=$?
took=$(( $(ms) - t0 ))
check "migrate to node3 while it is dead: refused (in ${took} ms; bound 60 s)" 1 \
  $([ "$rc" -ne 0 ] && [ "$took" -le 60000 ] && echo 1 || echo 0) "$out" "$N3"
out="$(pnode s1.garnet.test) $(runs_on s1.garnet.test)"
check "s1 still runs on node1 only" 0 0 "$out" "^$N1 1$"

# 3. gnt-node evacuate -p node1 while node3 is dead: the node-evacuate request holds the nodes that answer, so
# hail places s1 on node2 and its job moves it there
t0=$(ms)
out=$("$G" gnt-node evacuate -f -p node1.garnet.test 2>&1); rc=$?
took=$(( $(ms) - t0 ))
check "gnt-node evacuate -p node1 with node3 dead (in ${took} ms)" 0 $rc "$out" "All instances evacuated successfully\."
out="$(pnode s1.garnet.test) $(runs_on s1.garnet.test)"
check "s1 runs on node2 only" 0 0 "$out" "^$N2 2$"

# node3 back: its hypervisor runs nothing of the two, and the moves work again
out=$("$G" up --nodes 3 2>&1); rc=$?
check "node3 back" 0 $rc "$out" "^$N3 127\.0\.0\.13 "
out="$(runs_on f1.garnet.test) $(runs_on s1.garnet.test)"
check "node3's hypervisor runs neither instance" 0 0 "$out" "^2 2$"
out=$("$G" gnt-instance migrate -f -n $N3 s1.garnet.test 2>&1); rc=$?
check "migrate s1 to node3 now" 0 $rc "$out" "\* done"
check "... it runs on node3 only" 0 0 "$(pnode s1.garnet.test) $(runs_on s1.garnet.test)" "^$N3 3$"

echo "moves-fault-test: $fails failure(s)"
[ $fails -eq 0 ]
