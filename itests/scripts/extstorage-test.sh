#!/usr/bin/env bash
# ExtStorage on two appliances (./garnet up --nodes 2): providers dropped in while the cluster runs, both ways —
# the loop provider as a bundle in the master's deploy/ (extstorage-providers/loop; redist-conf copies it to the
# other node), the qcow2 provider as a directory in
# Ganeti's search path (extstorage-providers/qcow2's scripts, unchanged) — gnt-storage diagnose/info; an instance
# with a disk from each (the tiny kvm guest under TCG sees both), grow-disk, a disk added, live migration to the
# other appliance (the loop volumes' pool is one directory both nodes see: this machine's stand-in for a SAN);
# refusals before anything is created (unknown provider or parameter); faults (a failing create, a setinfo
# hanging past the script timeout, an attach that prints nothing, a provider missing where a disk is) with their
# errors and nothing left behind; removal (no volume, loop device or qemu-nbd left). Own GARNET_HOME, pools and
# bridge; stops every guest, loop device, qemu-nbd and appliance it started, also on failure.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export GARNET_HOME="$(mktemp -d /tmp/garnet-ext.XXXXXX)"
export GARNET_WATCHER_INTERVAL=3600
G="$ROOT/garnet"
fails=0
. "$ROOT/itests/scripts/lib.sh"
BR=gtbr-exttest
N1=node1.garnet.test; N2=node2.garnet.test
POOL="$GARNET_HOME/pool"; QPOOL="$GARNET_HOME/qpool"; QRUN="$GARNET_HOME/qrun"
A1="$GARNET_HOME/cluster/node1/appliance"; A2="$GARNET_HOME/cluster/node2/appliance"
LOOPJAR=$(ls "$ROOT"/extstorage-providers/loop/target/org.garnet.extstorage.loop-*.jar 2>/dev/null | head -1)
cleanup() {
  local f dev
  "$G" down >/dev/null 2>&1
  pkill -9 -f "$GARNET_HOME/cluster/node" 2>/dev/null
  for f in "$QRUN"/*.pid; do [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null; done
  for dev in $(losetup -n -O NAME -j "$POOL" 2>/dev/null; losetup -a 2>/dev/null | grep -F "$GARNET_HOME" | cut -d: -f1); do
    losetup -d "$dev" 2>/dev/null
  done
  ip link del "$BR" 2>/dev/null
  stop_cluster
}
trap cleanup EXIT
loops() { losetup -a 2>/dev/null | grep -cF "$POOL/"; }
nbds() { pgrep -fc "qemu-nbd .*$QRUN/"; }
console() { timeout "$2" "$G" gnt-instance console "$1" </dev/null 2>&1 | head -n "$3" | tr -d '\r'; }
last_count() { sed -n 's/^count \([0-9]*\)$/\1/p' <<<"$1" | tail -1; }
boot_of() { sed -n 's/^\(GARNET-TINY-BOOTED\|boot\) \([0-9a-f-]*\)$/\2/p' <<<"$1" | tail -1; }

[ -n "$LOOPJAR" ] || { echo "FAIL - the loop provider's jar is missing (mvn install first)"; exit 1; }
out=$("$G" up --nodes 2 2>&1); rc=$?
check "./garnet up --nodes 2" 0 $rc "$out" "^$N2 127\.0\.0\.12 candidate pid [0-9]+$"
[ $rc -eq 0 ] || exit 1
# node1's ext scripts may run 10 s (etc/org.garnet.disk.ext.cfg; default 600): the hanging script below
echo "script.timeout = 10" > "$A1/etc/org.garnet.disk.ext.cfg"
out=$("$G" gnt-cluster modify --enabled-disk-templates=file,sharedfile,diskless,ext \
  --ipolicy-disk-templates=file,sharedfile,diskless,ext 2>&1); rc=$?
check "gnt-cluster modify --enabled-disk-templates=…,ext" 0 $rc "$out" ".*"

out=$("$G" gnt-storage diagnose 2>&1); rc=$?
check "gnt-storage diagnose with no provider anywhere: Ganeti's error" 1 $rc "$out" \
  "^Can't get the list of ExtStorage providers$"

# the providers come while the cluster runs: a bundle dropped into the master's deploy/ (gnt-cluster redist-conf
# copies it to the other node), a directory in Ganeti's search path on each node
cp "$LOOPJAR" "$A1/deploy/"
out=$("$G" gnt-cluster redist-conf 2>&1); rc=$?
check "gnt-cluster redist-conf copies the provider bundle to node2" 0 $rc "$out" \
  "Copying driver bundle $(basename "$LOOPJAR") to node $N2$"
check "... it is in node2's deploy/" 0 0 "$(cmp "$LOOPJAR" "$A2/deploy/$(basename "$LOOPJAR")" && echo same)" "^same$"
out=$("$G" gnt-cluster redist-conf 2>&1); rc=$?
check "... and not again" 0 $rc "$out
$(grep -c "Copying driver bundle" <<<"$out") copies" "^0 copies$"
for a in "$A1" "$A2"; do
  mkdir -p "$a/var/lib/garnet/srv/ganeti/extstorage"
  cp -r "$ROOT/extstorage-providers/qcow2/src/main/extstorage" "$a/var/lib/garnet/srv/ganeti/extstorage/qcow2"
done
for _ in $(seq 1 60); do   # bounded: Karaf's deployer polls deploy/ every second
  out=$("$G" gnt-storage diagnose 2>&1)
  [ "$(grep -c "status: valid" <<<"$out")" -eq 4 ] && break
  sleep 0.5
done
check "gnt-storage diagnose: both providers valid on both nodes (bundle, search path)" 0 0 "$out
$(grep -c "^  Node: node[12]\.garnet\.test, status: valid (path: .*/extstorage-bundles/org\.garnet\.extstorage\.loop-[0-9]*/loop) \[parameters: pool\]$" <<<"$out") loop
$(grep -c "^  Node: node[12]\.garnet\.test, status: valid (path: .*/srv/ganeti/extstorage/qcow2) \[parameters: pool, run_dir\]$" <<<"$out") qcow2" \
  "^2 loop$"
check "... (qcow2 on both)" 0 0 "$(grep -c "status: valid (path: .*/srv/ganeti/extstorage/qcow2)" <<<"$out")" "^2$"
check "... each valid for the node group" 0 0 "$(grep -c "^  For nodegroup: default --> valid$" <<<"$out")" "^2$"

# the cluster's ExtStorage search path (Garnet's --extstorage-search-path; Ganeti builds it in): the master pushes
# it to every node, where it replaces the node's default directories
SAN_ES="$GARNET_HOME/san-extstorage"
mkdir -p "$SAN_ES" && cp -r "$ROOT/extstorage-providers/qcow2/src/main/extstorage" "$SAN_ES/sanq"
out=$("$G" gnt-cluster modify --extstorage-search-path="$SAN_ES,/nonexistent/extstorage" 2>&1); rc=$?
check "gnt-cluster modify --extstorage-search-path=DIR,DIR" 0 $rc "$out" ".*"
check "... gnt-cluster info shows it" 0 0 "$("$G" gnt-cluster info 2>&1)" \
  "^  ExtStorage Providers search path: $SAN_ES, /nonexistent/extstorage$"
out=$("$G" gnt-storage diagnose 2>&1)
check "... both nodes find sanq there, and no longer qcow2 (in their default directory)" 0 0 \
  "$(grep -c "status: valid (path: $SAN_ES/sanq)" <<<"$out") sanq $(grep -c "extstorage/qcow2)" <<<"$out") qcow2" \
  "^2 sanq 0 qcow2$"
out=$("$G" gnt-cluster modify --extstorage-search-path=relative/dir 2>&1); rc=$?
check "... a relative directory: refused" 1 $rc "$out" \
  "ExtStorage search path directory 'relative/dir' is not an absolute path"
out=$("$G" gnt-cluster modify --extstorage-search-path= 2>&1); rc=$?
check "--extstorage-search-path= (empty): each node's default again" 0 $rc "$out" ".*"
out=$("$G" gnt-storage diagnose 2>&1)
check "... qcow2 back on both nodes, sanq gone" 0 0 \
  "$(grep -c "status: valid (path: $SAN_ES/sanq)" <<<"$out") sanq $(grep -c "status: valid (path: .*/extstorage/qcow2)" <<<"$out") qcow2" \
  "^0 sanq 2 qcow2$"
out=$("$G" gnt-storage info loop nosuch 2>&1); rc=$?
check "gnt-storage info loop nosuch" 0 $rc "$out" "^      pool: Directory holding the volumes' files"
check "... nosuch: Not Found" 0 0 "$out" "^nosuch: Not Found$"

# refused before anything is created: an unknown provider, an unknown parameter, no provider
out=$("$G" gnt-instance add -t ext --disk=0:size=1G,provider=nosuch -o noop --no-start --no-name-check \
  --no-ip-check -n $N1 bad1.garnet.test 2>&1); rc=$?
check "an unknown provider is refused" 1 $rc "$out" "ExtStorage provider 'nosuch' not found"
out=$("$G" gnt-instance add -t ext --disk=0:size=1G,provider=loop,pool=$POOL,colour=red -o noop --no-start \
  --no-name-check --no-ip-check -n $N1 bad1.garnet.test 2>&1); rc=$?
check "an unknown parameter is refused (parameters.list)" 1 $rc "$out" \
  "ExtStorage provider 'loop' does not support parameter 'colour' \(supported: pool\)"
out=$("$G" gnt-instance add -t ext -s 1G -o noop --no-start --no-name-check --no-ip-check -n $N1 \
  bad1.garnet.test 2>&1); rc=$?
check "an ext disk without a provider: Ganeti's error" 1 $rc "$out" "Missing provider for template 'ext'"
check "... nothing was created" 0 0 "$(ls "$POOL" 2>/dev/null | wc -l)" "^0$"

# an instance with a disk from each provider: the kvm tiny guest sees both
kernel=$("$ROOT/itests/kvm/make-tiny-initrd.sh" "$GARNET_HOME/tiny.cpio.gz") || exit 1
ip link add "$BR" type bridge && ip link set "$BR" up || exit 1
"$G" gnt-cluster modify -H "kvm:kernel_path=$kernel,initrd_path=$GARNET_HOME/tiny.cpio.gz,kvm_flag=disabled,kernel_args=quiet" >/dev/null 2>&1
I=two.garnet.test
out=$("$G" gnt-instance add -t ext --disk=0:size=1G,provider=loop,pool=$POOL \
  --disk=1:size=2G,provider=qcow2,access=userspace,pool=$QPOOL,run_dir=$QRUN -o noop -H kvm -B memory=128M \
  --net "0:link=$BR" --no-name-check --no-ip-check -n $N1 $I 2>&1); rc=$?
check "gnt-instance add -t ext --disk=0:…,provider=loop --disk=1:…,provider=qcow2,access=userspace" 0 $rc "$out" \
  "starting instance"
con=$(console $I 60 8)
check "... the guest sees the loop volume (1 GiB)" 0 0 "$con" "^disk vda 2097152 sectors$"
check "... and the qcow2 volume over NBD (2 GiB)" 0 0 "$con" "^disk vdb 4194304 sectors$"
check "... a loop device and a qemu-nbd serve them" 0 0 "$(loops) $(nbds)" "^1 1$"
check "... the volumes: Ganeti's names, its metadata" 0 0 "$(cat "$POOL"/*.ext.disk0.meta 2>&1)" "^originstname\+$I$"
out=$("$G" gnt-instance info $I 2>&1)
check "gnt-instance info: the disks' logical ids [provider, volume]" 0 0 "$out" \
  "logical_id: \['loop', '[0-9a-f-]{36}\.ext\.disk0'\]"
out=$("$G" gnt-instance grow-disk $I 0 1G 2>&1); rc=$?
check "gnt-instance grow-disk (loop, attached)" 0 $rc "$out" ".*"
check "... the volume and the instance have 2 GiB" 0 0 \
  "$(stat -c %s "$POOL"/*.ext.disk0) $("$G" gnt-instance list --no-headers -o disk.size/0 --units=m $I)" \
  "^2147483648 2048$"
out=$("$G" gnt-instance modify --disk 2:add,size=1G,provider=loop,pool=$POOL $I 2>&1); rc=$?
check "gnt-instance modify --disk 2:add,size=1G,provider=loop,pool=…" 0 $rc "$out" " - disk/2 -> add"
check "... a third disk" 0 0 "$("$G" gnt-instance list --no-headers -o disk.count $I)" "^3$"
out=$("$G" gnt-instance modify --disk 3:add,size=1G,provider=loop,speed=fast $I 2>&1); rc=$?
check "... a disk with an unknown parameter is refused" 1 $rc "$out" "does not support parameter 'speed'"
out=$("$G" gnt-instance modify --disk 2:remove $I 2>&1); rc=$?
check "... and removing a disk of a running instance without hotplug is refused (Ganeti's words)" 1 $rc "$out" \
  "can't remove volume from a running instance without using hotplug"

# a kvm instance on loop volumes moves between the appliances (externally mirrored: the pool is shared)
M=mig.garnet.test
out=$("$G" gnt-instance add -t ext --disk=0:size=1G,provider=loop,pool=$POOL -o noop -H kvm -B memory=128M \
  --net "0:link=$BR" --no-name-check --no-ip-check -n $N1 $M 2>&1); rc=$?
check "gnt-instance add -t ext (loop) on node1" 0 $rc "$out" "starting instance"
before=$(console $M 60 12)
out=$("$G" gnt-instance migrate -f $M 2>&1); rc=$?
check "gnt-instance migrate (live) of an ext instance to node2" 0 $rc "$out" "\* done"
check "... its primary is node2" 0 0 "$("$G" gnt-instance list --no-headers -o pnode $M)" "^$N2$"
con=$(console $M 30 8)
check "... the same boot, counting on" 0 0 \
  "$([ -n "$(boot_of "$con")" ] && [ "$(boot_of "$con")" = "$(boot_of "$before")" ] \
     && [ "$(last_count "$con")" -gt "$(last_count "$before")" ] && echo ok)" "^ok$"
out=$("$G" gnt-instance failover -f --shutdown-timeout=2 $M 2>&1); rc=$?
check "gnt-instance failover back to node1 (cold)" 0 $rc "$out" ".*"
check "... its primary is node1" 0 0 "$("$G" gnt-instance list --no-headers -o pnode $M)" "^$N1$"
# an export of the running instance reads a snapshot of its volume (the loop provider's snapshot script)
out=$("$G" gnt-backup export -n $N2 --shutdown-timeout=2 $M 2>&1); rc=$?
check "gnt-backup export of the running ext instance: from a snapshot" 0 $rc "$out" \
  "Creating a snapshot of disk/0 on node $N1"
check "... restarted as soon as the snapshot existed (Ganeti's order)" 0 0 "$out" "Starting instance $M"
check "... it runs" 0 0 "$("$G" gnt-instance list --no-headers -o status $M)" "^running$"
check "... the snapshot volume is gone from the pool" 0 0 "$(ls "$POOL" | grep -c '\.snap$')" "^0$"
exported=$(ls "$A2"/var/lib/garnet/srv/ganeti/export/$M/ 2>/dev/null | grep -v config.ini | head -1)
check "... the exported disk (named by the disk's uuid) holds its volume's data" 0 0 \
  "$(cmp "$A2/var/lib/garnet/srv/ganeti/export/$M/$exported" "$POOL/$exported.ext.disk0" >/dev/null 2>&1 \
     && echo same)" "^same$"
"$G" gnt-backup remove $M >/dev/null 2>&1

# faults: providers in node1's search path that fail in each way
S1="$A1/var/lib/garnet/srv/ganeti/extstorage"
mkfault() {   # mkfault NAME SCRIPT BODY: a provider whose SCRIPT does BODY, the others succeed (files in $POOL/f)
  local d="$S1/$1" s
  mkdir -p "$d"
  for s in create attach detach remove grow setinfo verify; do
    printf '#!/bin/bash\nexit 0\n' > "$d/$s"; chmod +x "$d/$s"
  done
  printf '#!/bin/bash\nmkdir -p %s/f; touch %s/f/$VOL_NAME\n' "$POOL" "$POOL" > "$d/create"
  printf '#!/bin/bash\nrm -f %s/f/$VOL_NAME\n' "$POOL" > "$d/remove"
  printf '#!/bin/bash\necho /dev/loop0\n' > "$d/attach"
  printf '#!/bin/bash\n%s\n' "$3" > "$d/$2"
  : > "$d/parameters.list"
}
mkfault failing create 'echo "checking pool"; echo "pool is full" >&2; exit 1'
out=$("$G" gnt-instance add -t ext --disk=0:size=1G,provider=failing -o noop --no-start --no-name-check \
  --no-ip-check -n $N1 f1.garnet.test 2>&1); rc=$?
check "a failing create: the error with the script's last lines" 1 $rc "$out" \
  "External storage's create script failed \(exited with exit code 1\), last lines of output:"
check "... its output" 0 0 "$out" "pool is full"
mkfault hanging setinfo 'echo "waiting for the array"; sleep 600'
t0=$(date +%s)
out=$("$G" gnt-instance add -t ext --disk=0:size=1G,provider=hanging -o noop --no-start --no-name-check \
  --no-ip-check -n $N1 f2.garnet.test 2>&1); rc=$?
t1=$(date +%s)
check "a setinfo hanging past the script timeout (10 s on node1): killed, an error ($((t1 - t0)) s)" 1 $rc "$out" \
  "External storage's setinfo script failed \(still running after 10 s, killed\), last lines of output:"
check "... the volume it created was removed (through remove)" 0 0 "$(ls "$POOL/f" 2>/dev/null | wc -l)" "^0$"
check "... no script left running" 0 0 "$(pgrep -fc "$S1/hanging/setinfo")" "^0$"
mkfault mute attach 'exit 0'
out=$("$G" gnt-instance add -t ext --disk=0:size=1G,provider=mute -o noop --no-name-check --no-ip-check -n $N1 \
  f3.garnet.test 2>&1); rc=$?
check "an attach that prints nothing: a clear error" 1 $rc "$out" \
  "ExtStorage provider 'mute' gave neither a block device nor a userspace URI"
check "... nothing left of the instance" 0 0 \
  "$("$G" gnt-instance list --no-headers -o name | grep -c '^f3') $(ls "$POOL/f" 2>/dev/null | wc -l)" "^0 0$"

# Ganeti's open/close (VOL_OPEN_EXCLUSIVE) around a migration: a provider on both nodes whose open and close
# scripts write what they were asked into one log
OLOG="$GARNET_HOME/opener.log"
mkopener() {   # mkopener SEARCHPATH NODE
  local d="$1/opener" s
  mkdir -p "$d"
  for s in create detach remove grow setinfo verify; do printf '#!/bin/bash\nexit 0\n' > "$d/$s"; done
  printf '#!/bin/bash\necho /dev/loop0\n' > "$d/attach"
  printf '#!/bin/bash\necho "%s open $VOL_OPEN_EXCLUSIVE" >> %s\n' "$2" "$OLOG" > "$d/open"
  printf '#!/bin/bash\necho "%s close" >> %s\n' "$2" "$OLOG" > "$d/close"
  chmod +x "$d"/*; : > "$d/parameters.list"
}
mkopener "$S1" node1; mkopener "$A2/var/lib/garnet/srv/ganeti/extstorage" node2
out=$("$G" gnt-instance add -t ext --disk=0:size=1G,provider=opener -o noop -H fake --no-name-check --no-ip-check \
  -n $N1 o1.garnet.test 2>&1); rc=$?
check "an instance on a provider with open and close scripts, started on node1" 0 $rc "$out" ".*"
check "... its start opened the volume exclusively on node1 (VOL_OPEN_EXCLUSIVE=True)" 0 0 \
  "$(sort -u "$OLOG" | tr '\n' ' ')" "^node1 open True $"
: > "$OLOG"
out=$("$G" gnt-instance migrate -f o1.garnet.test 2>&1); rc=$?
check "gnt-instance migrate: Ganeti's disk steps in its output" 0 $rc "$out" \
  "\* opening instance disks on node $N2 in exclusive mode"
check "... the scripts in Ganeti's order: target closed, both shared, source closed, target exclusive" 0 0 \
  "$(tr '\n' ' ' < "$OLOG")" "^node2 close node1 open False node2 open False node1 close node2 open True $"
: > "$OLOG"
out=$("$G" gnt-instance failover -f o1.garnet.test 2>&1); rc=$?
check "gnt-instance failover back: closed on the source, opened exclusively by the start on the target" 0 $rc \
  "$(tr '\n' ' ' < "$OLOG")" "^node2 close node1 open True $"
out=$("$G" gnt-backup export -n $N2 --noshutdown o1.garnet.test 2>&1); rc=$?
check "a live export on a provider without a snapshot script: Ganeti's refusal" 1 $rc "$out" \
  "Not all disks could be snapshotted, and you requested a live export; aborting"
check "... saying why" 0 0 "$out" "Could not snapshot disk/0 on node $N1: .*has no snapshot script"
check "... the instance still runs" 0 0 "$("$G" gnt-instance list --no-headers -o status o1.garnet.test)" "^running$"
# the cluster's ext disk parameters apply when a disk is used (Ganeti fills them then): access=userspace from
# the cluster, and opener (a block device only) cannot serve it to the fake hypervisor
"$G" gnt-instance shutdown --timeout=2 o1.garnet.test >/dev/null 2>&1
out=$("$G" gnt-cluster modify -D ext:access=userspace 2>&1); rc=$?
check "gnt-cluster modify -D ext:access=userspace" 0 $rc "$out" ".*"
out=$("$G" gnt-instance startup o1.garnet.test 2>&1); rc=$?
check "... a disk without its own access follows the cluster's: userspace, which opener cannot give" 1 $rc "$out" \
  "Userspace access is not supported by the 'opener' ExtStorage provider for the 'fake' hypervisor"
"$G" gnt-cluster modify -D ext:access=kernelspace >/dev/null 2>&1
out=$("$G" gnt-group modify -D ext:access=userspace default 2>&1); rc=$?
check "gnt-group modify -D ext:access=userspace (the cluster's says kernelspace)" 0 $rc "$out" ".*"
out=$("$G" gnt-instance startup o1.garnet.test 2>&1); rc=$?
check "... the node group's disk parameters win over the cluster's" 1 $rc "$out" \
  "Userspace access is not supported by the 'opener' ExtStorage provider for the 'fake' hypervisor"
"$G" gnt-group modify -D ext:access=kernelspace default >/dev/null 2>&1
out=$("$G" gnt-instance startup o1.garnet.test 2>&1); rc=$?
check "... kernelspace again: it starts" 0 $rc "$out" ".*"
"$G" gnt-instance remove -f o1.garnet.test >/dev/null 2>&1

# a provider missing where a disk is: gnt-cluster verify and gnt-storage diagnose name it
Q=q2.garnet.test
out=$("$G" gnt-instance add -t ext --disk=0:size=1G,provider=qcow2,access=userspace,pool=$QPOOL,run_dir=$QRUN \
  -o noop -H kvm --no-start --net "0:link=$BR" --no-name-check --no-ip-check -n $N2 $Q 2>&1); rc=$?
check "gnt-instance add -t ext (qcow2) on node2, not started" 0 $rc "$out" ".*"
mv "$A2/var/lib/garnet/srv/ganeti/extstorage/qcow2" "$GARNET_HOME/qcow2.away"
out=$("$G" gnt-storage diagnose 2>&1)
check "gnt-storage diagnose: qcow2 missing on node2" 0 0 "$out" \
  "^  Node: node2\.garnet\.test, status: ExtStorage provider not found$"
check "... its node group: invalid" 0 0 "$out" "^  For nodegroup: default --> invalid$"
out=$("$G" gnt-cluster verify 2>&1); rc=$?
check "gnt-cluster verify: the disk on node2 whose provider is missing" 1 $rc "$out" \
  "ERROR: instance $Q: couldn't retrieve status for disk/0 on $N2: ExtStorage provider 'qcow2' not found"
mv "$GARNET_HOME/qcow2.away" "$A2/var/lib/garnet/srv/ganeti/extstorage/qcow2"

# a provider bundle taken away while an instance needs it: the instance's start waits (holding no lock) and goes
# on once the bundle is back
"$G" gnt-instance shutdown --timeout=2 $M >/dev/null 2>&1
rm -f "$A1/deploy/$(basename "$LOOPJAR")"
for _ in $(seq 1 60); do
  out=$("$G" gnt-storage diagnose 2>&1)
  grep -q "^  Node: $N1, status: ExtStorage provider not found$" <<<"$out" && break
  sleep 0.5
done
check "the loop bundle taken out of node1's deploy/: gone from node1" 0 0 "$out" \
  "^  Node: $N1, status: ExtStorage provider not found$"
out=$("$G" gnt-instance startup --submit $M 2>&1); rc=$?
jid=$(sed -n "s/^\([0-9]*\): $M$/\1/p" <<<"$out")
check "gnt-instance startup --submit of the instance on loop" 0 $rc "$out" "^[0-9]+: $M$"
st=""
for _ in $(seq 1 60); do
  st=$("$G" gnt-job list --no-headers -o status "$jid" 2>/dev/null)
  info=$("$G" gnt-job info "$jid" 2>/dev/null)
  [ "$st" = "waiting" ] && grep -q "Waiting for ExtStorage provider 'loop' on node $N1 (its bundle is not active)" \
    <<<"$info" && break
  sleep 0.5
done
check "... the job waits, its log naming the provider and the node" 0 0 "$st
$info" "Waiting for ExtStorage provider 'loop' on node $N1 \(its bundle is not active\)"
check "... status waiting" 0 0 "$st" "^waiting$"
out=$("$G" gnt-instance add-tags $M waited 2>&1); rc=$?
check "... meanwhile a job locking the instance runs (the waiting job holds no lock)" 0 $rc "$out" ".*"
cp "$LOOPJAR" "$A1/deploy/"
out=$(timeout 120 "$G" gnt-job wait "$jid" 2>&1); rc=$?
check "the bundle back in deploy/: the start goes on and succeeds" 0 $rc "$out" ".*"
check "... the instance runs" 0 0 "$("$G" gnt-instance list --no-headers -o status $M)" "^running$"

# removal: no volume, loop device or qemu-nbd left
for x in $I $M $Q; do
  out=$("$G" gnt-instance remove -f --shutdown-timeout=2 $x 2>&1); rc=$?
  check "gnt-instance remove $x" 0 $rc "$out" ".*"
done
check "... no volume left in the pools" 0 0 "$(find "$POOL" "$QPOOL" -name '*.ext.disk*' 2>/dev/null | wc -l)" "^0$"
check "... no loop device, no qemu-nbd, no qemu" 0 0 "$(loops) $(nbds) $(pgrep -fc "qemu-system-x86_64 -name ($I|$M) ")" \
  "^0 0 0$"

# the provider bundle taken away: its provider goes with it
rm -f "$A1/deploy/$(basename "$LOOPJAR")" "$A2/deploy/$(basename "$LOOPJAR")"
for _ in $(seq 1 60); do
  out=$("$G" gnt-storage diagnose 2>&1)
  grep -q "^Provider: loop$" <<<"$out" || break
  sleep 0.5
done
check "the loop bundle removed from deploy/: gnt-storage diagnose no longer lists loop" 0 0 \
  "$(grep -c "^Provider: loop$" <<<"$out")" "^0$"

echo "extstorage-test: $fails failure(s)"
[ "$fails" -eq 0 ]
