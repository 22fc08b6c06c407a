#!/usr/bin/env bash
# Instances through the booted appliance: the seed's add line with the file template and the image OS, each
# lifecycle verb, disk files checked on disk, bad input refused with nothing created, and a start job that waits
# while the fake hypervisor's bundle is stopped and finishes when it is started again. Own GARNET_HOME and port.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export GARNET_HOME="$(mktemp -d /tmp/garnet-inst.XXXXXX)"
export GARNET_SSH_PORT="${GARNET_INST_SSH_PORT:-8123}"
export GARNET_RAPI_PORT="${GARNET_IT_RAPI_PORT:-5083}"
export GARNET_NODED_PORT="${GARNET_IT_NODED_PORT:-1823}"
G="$ROOT/garnet"
fails=0
# The seed's example names resolve through the system resolver while the test runs (Ganeti checks instance names),
# on addresses where nothing listens (Ganeti's IP check); marked /etc/hosts lines, removed at the end.
HOSTS_MARK="# garnet-instance-test"
hosts_clean() { sed -i "/$HOSTS_MARK\$/d" /etc/hosts 2>/dev/null; }
hosts_clean
printf '127.0.2.1 instance1.example.com %s\n127.0.2.2 instance2.example.com %s\n' "$HOSTS_MARK" "$HOSTS_MARK" >> /etc/hosts
trap '"$G" down >/dev/null 2>&1; rm -rf "$GARNET_HOME"; hosts_clean' EXIT
. "$ROOT/itests/scripts/lib.sh"
check_exact() {  # check_exact NAME EXPECTED-RC ACTUAL-RC OUTPUT EXPECTED-OUTPUT
  local name=$1 want=$2 got=$3 out=$4 exp=$5
  if [ "$got" -eq "$want" ] && [ "$out" = "$exp" ]; then echo "ok   - $name"
  else echo "FAIL - $name (exit $got, wanted $want; output, then expected:)"; sed 's/^/       /' <<<"$out"
    sed 's/^/     > /' <<<"$exp"; fails=$((fails + 1)); fi
}
karaf() { ssh -q 2>/dev/null -p "$GARNET_SSH_PORT" -i "$GARNET_HOME/ssh/id_rsa" -o StrictHostKeyChecking=no \
  -o UserKnownHostsFile=/dev/null garnet@127.0.0.1 "$@"; }

"$G" up >/dev/null 2>&1 || { echo "FAIL - garnet up"; exit 1; }
node=$("$G" gnt-cluster getmaster)
storage="$GARNET_HOME/appliance/var/lib/garnet/file-storage"
img="$GARNET_HOME/test.img"
truncate -s 8M "$img"; printf 'GARNETIMG' | dd of="$img" conv=notrunc status=none

out=$("$G" gnt-node list-storage -t file 2>&1); rc=$?
check "gnt-node list-storage -t file: Ganeti's columns" 0 $rc "$out" "^Node +Type +Name +Size +Used +Free +Allocatable$"
check "gnt-node list-storage: the file storage directory" 0 $rc "$out" "^$node +file +$storage +[0-9.]+[MGT] +[0-9.]+[MGT] +[0-9.]+[MGT] +Y$"
out=$("$G" gnt-os list 2>&1); rc=$?
check_exact "gnt-os list: the OS bundles and Debian's ganeti-os-noop (Ganeti's search path)" 0 $rc "$out" \
  "Name"$'\n'"debootstrap"$'\n'"image"$'\n'"noop"
out=$("$G" gnt-os info image 2>&1); rc=$?
check "gnt-os info image" 0 $rc "$out" "^    - image_file: "
mkdir -p "$GARNET_HOME/appliance/var/lib/garnet/srv/ganeti/os/broken"
out=$("$G" gnt-os diagnose 2>&1); rc=$?
check "gnt-os diagnose: an OS directory without API version is invalid, exit 1" 1 $rc "$out" "^OS: broken \[global status: invalid\]$"

out=$("$G" gnt-instance add -t file -o image -s 2G -O image_file="$img" --tags=foo,bar instance1.example.com 2>&1); rc=$?
check "gnt-instance add -t file -o image -s 2G --tags=foo,bar (the seed's line)" 0 $rc "$out" "\* starting instance\.\.\.$"
check "placed by Ganeti's own hail through the IAllocator protocol" 0 $rc "$out" "Selected nodes for instance instance1\.example\.com via iallocator hail: $node$"
disk=$(find "$storage" -type f -name '*.file.disk0' | head -1)
size=$(stat -c %s "$disk" 2>/dev/null || echo 0)
check "disk 0 is a 2 GiB file under the file storage directory" 0 0 "$size" "^2147483648$"
check "the image OS copied the image onto disk 0" 0 0 "$(head -c 9 "$disk")" "^GARNETIMG$"
out=$("$G" gnt-instance list 2>&1); rc=$?
check "gnt-instance list: Ganeti's default columns" 0 $rc "$out" "^Instance +Hypervisor +OS +Primary_node +Status +Memory$"
check "gnt-instance list: running with its memory" 0 $rc "$out" "^instance1\.example\.com +fake +image +$node +running +128M$"
out=$("$G" gnt-instance list --no-headers -o name,tags,disk.sizes --separator='|' 2>&1); rc=$?
check "gnt-instance list -o tags,disk.sizes" 0 $rc "$out" "^instance1\.example\.com\|bar,foo\|2048$"
out=$("$G" gnt-instance list --no-headers -o name -F 'name =~ /^instance1/ and "foo" in tags and be/maxmem >= 128' 2>&1); rc=$?
check "gnt-instance list -F (Ganeti's query language)" 0 $rc "$out" "^instance1\.example\.com$"
out=$("$G" gnt-instance list --no-headers -o name -F 'not admin_up or "nosuch" in tags' 2>&1); rc=$?
check "gnt-instance list -F selecting nothing" 0 $rc "$out" "^$"
out=$("$G" gnt-instance list -F 'name =~' 2>&1); rc=$?
check "gnt-instance list -F with a malformed filter: ECODE_INVAL" 1 $rc "$out" "Failed to parse query filter"

out=$("$G" gnt-instance shutdown instance1.example.com 2>&1); rc=$?
check "gnt-instance shutdown" 0 $rc "$out" ".*"
out=$("$G" gnt-instance list --no-headers -o status instance1.example.com 2>&1)
check "shut down: ADMIN_down" 0 0 "$out" "^ADMIN_down$"

karaf 'bundle:stop org.garnet.hypervisor.fake' >/dev/null
out=$("$G" gnt-instance startup --submit instance1.example.com 2>&1); rc=$?
jid=$(sed -n 's/^\([0-9]*\): instance1.example.com$/\1/p' <<<"$out")
check "startup submitted while the fake hypervisor bundle is stopped (Ganeti's 'N: name')" 0 $rc "$out" "^[0-9]+: instance1.example.com$"
st=""
for _ in $(seq 1 60); do
  st=$("$G" gnt-job list --no-headers -o status "$jid" 2>/dev/null)
  info=$("$G" gnt-job info "$jid" 2>/dev/null)
  [ "$st" = "waiting" ] && grep -q "Waiting for hypervisor 'fake'" <<<"$info" && break
done
check "the start job waits and says which hypervisor it waits for" 0 0 "$st" "^waiting$"
karaf 'bundle:start org.garnet.hypervisor.fake' >/dev/null
out=$("$G" gnt-job wait "$jid" 2>&1); rc=$?
check "the job finishes once the bundle is back" 0 $rc "$out" "^$"
out=$("$G" gnt-instance list --no-headers -o status instance1.example.com 2>&1)
check "started: running" 0 0 "$out" "^running$"

out=$("$G" gnt-cluster verify 2>&1); rc=$?
check "gnt-cluster verify with a running instance" 0 $rc "$out" "\* Verifying instance status$"
rm -f "$GARNET_HOME/appliance/var/run/garnet/fake-hypervisor/instance1.example.com"
out=$("$G" gnt-cluster verify 2>&1); rc=$?
check "gnt-cluster verify notices an instance that stopped behind its back" 1 $rc "$out" "ERROR: instance instance1\.example\.com: instance not running on its primary node $node$"

out=$("$G" gnt-instance reboot instance1.example.com 2>&1); rc=$?
check "gnt-instance reboot" 0 $rc "$out" ".*"

out=$("$G" gnt-instance info instance1.example.com 2>&1); rc=$?
check "gnt-instance info: Ganeti's layout" 0 $rc "$out" "^  State: configured to be up, actual state is up$"
check "gnt-instance info: disks" 0 $rc "$out" "^    - disk/0: file, size 2\.0G$"
out=$("$G" gnt-instance grow-disk instance1.example.com 0 1G 2>&1); rc=$?
check "gnt-instance grow-disk" 0 $rc "$out" "Growing disk 0 of instance 'instance1\.example\.com' by 1\.0G to 3\.0G$"
size=$(stat -c %s "$disk")
check "the disk file grew to 3 GiB" 0 0 "$size" "^3221225472$"
out=$("$G" gnt-instance grow-disk instance1.example.com 3 1G 2>&1); rc=$?
check "grow-disk: disk index out of range" 1 $rc "$out" "Invalid disk index: 3"
out=$("$G" gnt-instance activate-disks instance1.example.com 2>&1); rc=$?
check "gnt-instance activate-disks prints node:disk/N:path" 0 $rc "$out" "^$node:disk/0:$disk$"
out=$("$G" gnt-instance console instance1.example.com 2>&1); rc=$?
check "gnt-instance console (fake: a message)" 0 $rc "$out" "^Console not available for fake hypervisor$"
out=$("$G" gnt-instance failover -f instance1.example.com 2>&1); rc=$?
check "failover on one node: Ganeti's refusal" 1 $rc "$out" "disk layout 'file' does not allow failovers"
out=$("$G" gnt-instance migrate -f instance1.example.com 2>&1); rc=$?
check "migrate on one node: Ganeti's refusal" 1 $rc "$out" "disk layout 'file' does not allow migrations"
out=$("$G" gnt-instance move -f -n "$node" instance1.example.com 2>&1); rc=$?
check "move to its own node: Ganeti's refusal" 1 $rc "$out" "is already on the node $node"

"$G" gnt-instance shutdown instance1.example.com >/dev/null 2>&1
printf 'REINSTALLED' | dd of="$img" conv=notrunc status=none
out=$("$G" gnt-instance reinstall -f instance1.example.com 2>&1); rc=$?
check "gnt-instance reinstall runs the create script again" 0 $rc "$out" "Image installed$"
check "the image was copied again" 0 0 "$(head -c 11 "$disk")" "^REINSTALLED$"
out=$("$G" gnt-instance rename --no-name-check instance1.example.com instance2.example.com 2>&1); rc=$?
check "rename --no-name-check without a terminal: Ganeti's FQDN question goes unanswered, exit 1, nothing done" 1 $rc "$out" "^$"
out=$("$G" gnt-instance rename instance1.example.com instance2.example.com 2>&1); rc=$?
check "gnt-instance rename (the new name resolves)" 0 $rc "$out" "^Instance 'instance1\.example\.com' renamed to 'instance2\.example\.com'$"
disk=$(find "$storage" -type f -name '*.file.disk0' | head -1)
check "the disk moved to the new instance directory" 0 0 "$disk" "/instance2\.example\.com/"
out=$("$G" gnt-instance rename instance2.example.com nosuch.invalid 2>&1); rc=$?
check "rename to a name that does not resolve: Ganeti's resolver error" 1 $rc "$out" "^The given name \(nosuch\.invalid\) does not resolve: "
"$G" gnt-instance rename instance2.example.com instance1.example.com >/dev/null 2>&1
disk=$(find "$storage" -type f -name '*.file.disk0' | head -1)
"$G" gnt-instance startup instance1.example.com >/dev/null 2>&1

out=$("$G" gnt-instance modify -B memory=256M --net add:link=br1 instance1.example.com 2>&1); rc=$?
check "gnt-instance modify -B, --net add (the change as given, as Ganeti reports it)" 0 $rc "$out" "^ - be/memory -> 256$"
out=$("$G" gnt-instance list --no-headers -o be/maxmem,nic.links --separator='|' instance1.example.com 2>&1)
check "modified: memory and a second NIC" 0 0 "$out" "^256M?\|xen-br0,br1$"
out=$("$G" gnt-instance modify --disk add:size=1G instance1.example.com 2>&1); rc=$?
check "gnt-instance modify --disk add" 0 $rc "$out" "^ - disk/1 -> add:size=1024,mode=rw$"
n=$(find "$storage" -type f | wc -l)
check "the new disk is a file" 0 0 "$n" "^2$"
out=$("$G" gnt-instance modify --disk 1:remove instance1.example.com 2>&1); rc=$?
check "removing a disk of a running instance is refused (Ganeti's words)" 1 $rc "$out" \
  "Instance 'instance1\.example\.com' is marked to be up, can't remove volume from a running instance without using hotplug"
out=$("$G" gnt-instance modify --hotplug --disk 1:remove instance1.example.com 2>&1); rc=$?
check "--hotplug with the fake hypervisor: refused, as Ganeti (its message twice)" 1 $rc "$out" \
  "Hotplug is not possible: Hotplug is not supported: Hotplug is not supported by this hypervisor: Hotplug is not supported: Hotplug is not supported by this hypervisor"
out=$("$G" gnt-instance modify --hotplug-if-possible --net 1:link=br2 instance1.example.com 2>&1); rc=$?
check "--hotplug-if-possible with the fake hypervisor: a warning, the change made without" 0 $rc "$out" \
  "WARNING: Hotplug is not supported: Hotplug is not supported by this hypervisor"
out=$("$G" gnt-instance modify --disk 5:remove instance1.example.com 2>&1); rc=$?
check "modify: disk index out of range" 1 $rc "$out" "Invalid disk index 5"
"$G" gnt-instance shutdown instance1.example.com >/dev/null 2>&1
out=$("$G" gnt-instance modify --disk 1:remove --net 1:remove instance1.example.com 2>&1); rc=$?
check "gnt-instance modify --disk N:remove --net N:remove" 0 $rc "$out" "^ - disk/1 -> remove$"
n=$(find "$storage" -type f | wc -l)
check "the removed disk's file is gone" 0 0 "$n" "^1$"
"$G" gnt-instance startup instance1.example.com >/dev/null 2>&1

out=$("$G" gnt-instance add-tags instance1.example.com db 2>&1); rc=$?
check "gnt-instance add-tags" 0 $rc "$out" "^$"
out=$("$G" gnt-instance list-tags instance1.example.com 2>&1); rc=$?
check_exact "gnt-instance list-tags: sorted, one per line" 0 $rc "$out" "bar"$'\n'"db"$'\n'"foo"
"$G" gnt-cluster add-tags prod >/dev/null 2>&1; "$G" gnt-node add-tags "$node" rack1 >/dev/null 2>&1
out=$("$G" gnt-cluster search-tags '^(prod|rack|db)' 2>&1); rc=$?
check_exact "gnt-cluster search-tags" 0 $rc "$out" "/cluster prod"$'\n'"/instances/instance1.example.com db"$'\n'"/nodes/$node rack1"
out=$("$G" gnt-cluster add-tags 'bad tag!' 2>&1); rc=$?
check "invalid tag refused as Ganeti's TagError" 1 $rc "$out" "^Failure: invalid tag\(s\) given:$"
out=$("$G" gnt-instance remove-tags instance1.example.com nosuch 2>&1); rc=$?
check "removing a missing tag" 1 $rc "$out" "Tag\(s\) 'nosuch' not found"

out=$("$G" gnt-instance add --no-name-check --no-ip-check -t file -o image -s 1G -O image_file="$img" -I nosuch inst2 2>&1); rc=$?
check "an allocator that does not exist" 1 $rc "$out" "Can't find the IAllocator 'nosuch'"
out=$("$G" gnt-instance add --no-name-check --no-ip-check -t file -o image -s 1G -O image_file="$img" --opportunistic-locking -B memory=64G --ignore-ipolicy inst2 2>&1); rc=$?
check "opportunistic locking: hail's refusal is temporary (ECODE_TEMP_NORES after the retries)" 1 $rc "$out" "temp_insufficient_resources"
out=$("$G" gnt-instance add --no-name-check --no-ip-check -t diskless -o image --no-install -B memory=64G --ignore-ipolicy big1 2>&1); rc=$?
check "Garnet's hail explains a refusal per node (beyond Ganeti's FailMem count)" 1 $rc "$out" "FailMem: 1; explanation: .*memory: needs 65536 MB, [0-9]+ MB free \(short by [0-9]+ MB\)"
karaf 'bundle:stop org.garnet.iallocator.hail' >/dev/null
out=$("$G" gnt-instance add --no-name-check --no-ip-check -t diskless -o image --no-install -B memory=64G --ignore-ipolicy big1 2>&1); rc=$?
check "with the hail bundle stopped, Debian's hail program answers (no explanation)" 1 $rc "$out" "FailMem: 1\s*$"
karaf 'bundle:start org.garnet.iallocator.hail' >/dev/null
"$G" gnt-cluster modify --default-iallocator= >/dev/null 2>&1
out=$("$G" gnt-instance add --no-name-check --no-ip-check -t file -o image -s 1G -O image_file="$img" inst2 2>&1); rc=$?
check "no node and no default allocator: Ganeti's error" 1 $rc "$out" "No iallocator or node given and no cluster-wide default iallocator found"
"$G" gnt-cluster modify --default-iallocator=hail >/dev/null 2>&1

out=$("$G" gnt-instance add --no-name-check --no-ip-check -t plain -o image -s 1G inst2 2>&1); rc=$?
check "template not enabled: Ganeti's error" 1 $rc "$out" "^error type: wrong_state, error details:$"
out=$("$G" gnt-instance add --no-name-check --no-ip-check -t file -o nosuch -s 1G inst2 2>&1); rc=$?
check "unknown OS: Ganeti's message" 1 $rc "$out" "Directory for OS nosuch not found in search path"
out=$("$G" gnt-instance add --no-name-check --no-ip-check -t file -o image -s 1Q inst2 2>&1); rc=$?
check "size not parseable" 1 $rc "$out" "Invalid format '1Q' for unit"
out=$("$G" gnt-instance add -t file -o image -s 1G -O image_file="$img" nosuch.invalid 2>&1); rc=$?
check "add with a name that does not resolve (no --no-name-check): Ganeti's resolver error" 1 $rc "$out" "^The given name \(nosuch\.invalid\) does not resolve: "
out=$("$G" gnt-instance add -t file -o image -s 1G -O image_file="$img" instance1.example.com 2>&1); rc=$?
check "name already used" 1 $rc "$out" "already in the cluster"
out=$("$G" gnt-instance add --no-name-check --no-ip-check -t file -o image -s 1G -O image_file="$img" -B memory=64M -n "$node" inst4 2>&1); rc=$?
check "policy: memory below the minimum is refused" 1 $rc "$out" "violates policy: memory-size value 64 is not in range \[128, 32768\]"
out=$("$G" gnt-instance add --no-name-check --no-ip-check -t file -o image -s 1G -O image_file=/nonexistent inst3 2>&1); rc=$?
check "bad OS parameter: the OS verify script refuses it before anything is created" 1 $rc "$out" "OS Parameters validation failed on node $node: OS validation script failed \(exited with exit code 1\), output: image file '/nonexistent' is not a readable file"
n=$(find "$storage" -type f | wc -l)
check "nothing was created by the refused adds" 0 0 "$n" "^1$"

out=$("$G" gnt-group add --alloc-policy last_resort --ipolicy-bounds-specs min:memory-size=256,cpu-count=1,disk-count=1,disk-size=1024,nic-count=1,spindle-use=1/max:memory-size=4096,cpu-count=4,disk-count=4,disk-size=102400,nic-count=4,spindle-use=4 --ipolicy-std-specs memory-size=256 small 2>&1); rc=$?
check "gnt-group add with its own policy" 0 $rc "$out" "^$"
out=$("$G" gnt-group list --no-headers -o name,node_cnt,alloc_policy --separator=' ' 2>&1); rc=$?
check_exact "gnt-group list" 0 $rc "$out" "default 1 preferred"$'\n'"small 0 last_resort"
out=$("$G" gnt-group assign-nodes small "$node" 2>&1); rc=$?
check "gnt-group assign-nodes" 0 $rc "$out" "^$"
out=$("$G" gnt-instance add --no-name-check --no-ip-check -t file -o image -s 1G -O image_file="$img" -n "$node" inst5 2>&1); rc=$?
check "the group's policy applies on its nodes" 1 $rc "$out" "violates policy: memory-size value 128 is not in range \[256, 4096\]"
out=$("$G" gnt-group remove small 2>&1); rc=$?
check "a group with nodes cannot be removed" 1 $rc "$out" "Group 'small' not empty, has the following nodes: $node"
"$G" gnt-group assign-nodes default "$node" >/dev/null 2>&1
out=$("$G" gnt-group rename small tiny 2>&1 && "$G" gnt-group remove tiny 2>&1); rc=$?
check "gnt-group rename, remove" 0 $rc "$out" ".*"
out=$("$G" gnt-group remove default 2>&1); rc=$?
check "the group holding the node stays" 1 $rc "$out" "not empty"

out=$("$G" gnt-instance remove instance1.example.com 2>&1); rc=$?
check "remove without --force asks (and refuses without a terminal)" 1 $rc "$out" "Continue\?"
out=$("$G" gnt-instance remove -f instance1.example.com 2>&1); rc=$?
check_exact "gnt-instance remove -f: silent, as Ganeti" 0 $rc "$out" ""
n=$(find "$storage" -type f | wc -l)
check "the disk file is gone" 0 0 "$n" "^0$"

# gnt-instance batch-create: one OP_INSTANCE_MULTI_ALLOC places both instances through hail's multi-allocate,
# then one OP_INSTANCE_CREATE job per instance (the seed's spec: file template, image OS).
batch="$GARNET_HOME/batch.json"
spec='"name_check": false, "ip_check": false, "mode": "create", "disk_template": "file", "disks": [{"size": 1024}], "nics": [{}], "os_type": "image", "osparams": {"image_file": "'"$img"'"}'
printf '[{"instance_name": "batch1.example.com", %s, "tags": ["batch"]},\n {"instance_name": "batch2.example.com", %s}]\n' "$spec" "$spec" > "$batch"
out=$("$G" gnt-instance batch-create -I hail "$batch" 2>&1); rc=$?
check "gnt-instance batch-create -I hail FILE: all created" 0 $rc "$out" "^All instances created successfully\.$"
check "batch-create follows the creation jobs it submitted" 0 $rc "$out" "^Submitted jobs [0-9]+, [0-9]+$"
check "batch-create: hail placed them (multi-allocate)" 0 $rc "$out" "Selected nodes for instance batch2\.example\.com via iallocator hail: $node$"
out=$("$G" gnt-instance list --no-headers -o name,pnode,status,tags 2>&1); rc=$?
check "gnt-instance list shows both batch instances running" 0 $rc "$out" "^batch1\.example\.com +$node +running +batch$"
check "gnt-instance list shows batch2 too" 0 $rc "$out" "^batch2\.example\.com +$node +running *$"
out=$("$G" gnt-instance batch-create "$batch" 2>&1); rc=$?
check "batch-create with names in use: ECODE_EXISTS, exit 1" 1 $rc "$out" "Instance 'batch1\.example\.com' is already in the cluster"
printf '[{"instance_name": "b3", %s}, {"instance_name": "b4", "colour": "red", "size": 1, %s}]\n' "$spec" "$spec" > "$batch.bad"
out=$("$G" gnt-instance batch-create "$batch.bad" 2>&1); rc=$?
check "batch-create with unknown keys: Ganeti's error" 1 $rc "$out" "^Unknown fields in definition 1: colour, size$"
printf '[{"instance_name": ' > "$batch.bad"
out=$("$G" gnt-instance batch-create "$batch.bad" 2>&1); rc=$?
check "batch-create with an unparsable file" 1 $rc "$out" "^Can't parse the instance definition file: "
out=$("$G" gnt-instance list --no-headers -o name 2>&1)
check_exact "the refused batches created nothing" 0 0 "$out" "batch1.example.com"$'\n'"batch2.example.com"
out=$("$G" gnt-instance remove -f batch1.example.com 2>&1 && "$G" gnt-instance remove -f batch2.example.com 2>&1); rc=$?
check_exact "the batch instances are removed" 0 $rc "$out" ""
n=$(find "$storage" -type f | wc -l)
check "their disk files are gone" 0 0 "$n" "^0$"

# The debootstrap OS: a real Debian system on disk 0 (slow the first time: it downloads from the Debian mirror).
t0=$(date +%s)
out=$("$G" gnt-instance add -t file -o debootstrap -s 2G --tags=foo,bar instance1.example.com 2>&1); rc=$?
check "the seed's line with -t file: add -t file -o debootstrap -s 2G --tags=foo,bar instance1.example.com" 0 $rc "$out" "Debian bookworm installed on instance1\.example\.com$"
ddisk=$(find "$storage/instance1.example.com" -type f -name '*.file.disk0' | head -1)
out=$(/usr/sbin/debugfs -R 'cat /etc/hostname' "$ddisk" 2>/dev/null)
check_exact "disk 0 holds an ext4 root with the instance's host name" 0 0 "$out" "instance1.example.com"
out=$(/usr/sbin/debugfs -R 'cat /etc/debian_version' "$ddisk" 2>/dev/null)
check "disk 0 holds Debian 12" 0 0 "$out" "^12\."
echo "figures: debootstrap instance created in $(( $(date +%s) - t0 )) s"
"$G" gnt-instance remove -f instance1.example.com >/dev/null 2>&1

# An OS definition dropped into deploy/ as a script-only bundle appears, and goes when the file is removed.
osb="$GARNET_HOME/osbundle"
mkdir -p "$osb/os/hello"
printf '20\n' > "$osb/os/hello/ganeti_api_version"; printf 'greeting what to say\n' > "$osb/os/hello/parameters.list"
printf '#!/bin/sh\necho hello\n' > "$osb/os/hello/create"
printf 'Manifest-Version: 1.0\nBundle-ManifestVersion: 2\nBundle-SymbolicName: test.os.hello\nBundle-Version: 1.0.0\nGarnet-OS: hello\n' > "$osb/MANIFEST.MF"
(cd "$osb" && jar cfm "$GARNET_HOME/hello-os.jar" MANIFEST.MF os)
cp "$GARNET_HOME/hello-os.jar" "$GARNET_HOME/appliance/deploy/"
out=""
for _ in $(seq 1 40); do out=$("$G" gnt-os list --no-headers 2>&1); grep -qx hello <<<"$out" && break; sleep 0.5; done
check "an OS bundle dropped into deploy/ is listed" 0 0 "$out" "^hello$"
rm -f "$GARNET_HOME/appliance/deploy/hello-os.jar"
for _ in $(seq 1 40); do out=$("$G" gnt-os list --no-headers 2>&1); grep -qx hello <<<"$out" || break; sleep 0.5; done
check_exact "and is gone when the file is removed" 0 0 "$out" "debootstrap"$'\n'"image"$'\n'"noop"

if [ $fails -gt 0 ]; then echo "instance-test: $fails failed"; exit 1; fi
echo "instance-test: all passed"
