#!/usr/bin/env bash
# Releases side by side and gnt-cluster upgrade, on three appliances (./garnet up --nodes 3), then on one.
# `./garnet kar --version V` makes the next version of this tree as a Karaf archive (with --overlay, a change of
# the configuration's schema: itests/upgrade); dropped into the master's deploy/ it is installed beside the running
# version and nothing changes; gnt-cluster redist-conf streams it to the other nodes; gnt-cluster version lists each
# node's versions; each node's release agent swaps its bundle set and takes back one that does not come up.
# One driver upgraded alone (feature:install -u) and back. gnt-cluster upgrade --to V: Ganeti's refusals; the
# upgrade with instances running (fake ones, and a kvm guest on the master whose qemu must stay the same process),
# 200 RAPI writes, reads and jobs calling the swapping nodes meanwhile; the rollback; a node down (refused); the
# master killed in the middle, finished by --resume on the candidate that took over; one appliance up and down, its
# last step (gnt-cluster verify) finding a dead instance. Own GARNET_HOME; stops what it started, also on failure.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export GARNET_HOME="$(mktemp -d /tmp/garnet-upgrade.XXXXXX)"
export GARNET_WATCHER_INTERVAL=3600
G="$ROOT/garnet"
fails=0
. "$ROOT/itests/scripts/lib.sh"
N1=node1.garnet.test; N2=node2.garnet.test; N3=node3.garnet.test
A1="$GARNET_HOME/cluster/node1/appliance"; A2="$GARNET_HOME/cluster/node2/appliance"; A3="$GARNET_HOME/cluster/node3/appliance"
KARS="$GARNET_HOME/kars"
trap stop_cluster EXIT
# Karaf's own shell on appliance K (bundle:list, feature:list: what the container really runs)
karaf() {
  ssh -p 8101 -i "$GARNET_HOME/ssh/id_rsa" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o BatchMode=yes -o LogLevel=QUIET -o ConnectTimeout=10 "garnet@127.0.0.1$1" "$2" 2>/dev/null
}
# waits (bounded: Karaf's deployer polls deploy/ every second) until gnt-cluster version shows REGEX; leaves it in out
await_version() {
  for _ in $(seq 1 60); do
    out=$("$G" gnt-cluster version 2>&1)
    grep -q "$1" <<<"$out" && return 0
    sleep 0.5
  done
}
OWN=$(sed -n '/<artifactId>garnet-parent<\/artifactId>/{n;s|.*<version>\(.*\)</version>.*|\1|p;q}' "$ROOT/pom.xml")
NEXT=0.2.0

t0=$(date +%s%N)
# the next release: this tree plus a change of the configuration's schema (itests/upgrade/README.md)
out=$("$G" kar --version $NEXT --out "$KARS" --overlay "$ROOT/itests/upgrade/next-release" 2>&1); rc=$?
t1=$(date +%s%N)
check "./garnet kar --version $NEXT --overlay itests/upgrade/next-release" 0 $rc "$out" "^$KARS/garnet-$NEXT\.kar$"
echo "     (built in $(( (t1 - t0) / 1000000 )) ms, $(( $(stat -c %s "$KARS/garnet-$NEXT.kar" 2>/dev/null || echo 0) / 1048576 )) MiB)"
out=$(unzip -l "$KARS/garnet-$NEXT.kar" 2>&1)
check "... it carries the feature repository and the bundles of $NEXT" 0 0 "$out
$(grep -c "repository/org/garnet/org.garnet.core/$NEXT/org.garnet.core-$NEXT.jar" <<<"$out") core" \
  "garnet-features-$NEXT-features.xml"
check "... (the core bundle of $NEXT)" 0 0 "$(grep -c "org.garnet.core-$NEXT.jar" <<<"$out")" "^1$"
check "... and Karaf-Feature-Start: false (dropped in, it installs nothing)" 0 0 \
  "$(unzip -p "$KARS/garnet-$NEXT.kar" META-INF/MANIFEST.MF)" "^Karaf-Feature-Start: false"
out=$("$G" kar --version 'not a version' --out "$KARS" 2>&1); rc=$?
check "./garnet kar --version 'not a version': refused" 2 $rc "$out" "is not a version"

out=$("$G" up --nodes 3 2>&1); rc=$?
check "./garnet up --nodes 3" 0 $rc "$out" "^$N3 127\.0\.0\.13 candidate pid [0-9]+$"
[ $rc -eq 0 ] || exit 1
out=$("$G" gnt-cluster version 2>&1); rc=$?
check "gnt-cluster version: Ganeti's lines, then each node's versions" 0 $rc "$out" "^Software version: "
check "... node1 runs $OWN, the only one installed" 0 0 "$out" "^  $N1: $OWN \(running\)$"
check "... node2 too" 0 0 "$out" "^  $N2: $OWN \(running\)$"

cp "$KARS/garnet-$NEXT.kar" "$A1/deploy/"
await_version "^  $N1: .*$NEXT"
check "garnet-$NEXT.kar dropped into node1's deploy/: $NEXT installed beside $OWN, $OWN still running" 0 0 "$out" \
  "^  $N1: $OWN \(running\), $NEXT$"
check "... not on node2 yet" 0 0 "$out" "^  $N2: $OWN \(running\)$"
out=$(karaf 1 "bundle:list -s --no-format")
check "... no bundle of $NEXT installed (Karaf's bundle:list)" 0 0 "$out
$(grep -c "$NEXT" <<<"$out") of $NEXT" "^0 of $NEXT$"
check "... the running core bundle is still $OWN's" 0 0 "$out" "Active[[:space:]].*[[:space:]]${OWN//-/\\.}[[:space:]]+org\.garnet\.core$"
check "... and the cluster still answers" 0 0 "$("$G" gnt-cluster getmaster 2>&1)" "^$N1$"

# a Karaf archive that is no Garnet release stays where it is
mkdir -p "$GARNET_HOME/other/repository/org/example/x/1.0" && echo x > "$GARNET_HOME/other/repository/org/example/x/1.0/x-1.0.jar"
(cd "$GARNET_HOME/other" && zip -qr "$GARNET_HOME/other.kar" repository)
cp "$GARNET_HOME/other.kar" "$A1/deploy/"
t0=$(date +%s%N)
out=$("$G" gnt-cluster redist-conf 2>&1); rc=$?
t1=$(date +%s%N)
check "gnt-cluster redist-conf streams the release to node2" 0 $rc "$out" \
  "Copying release garnet-$NEXT\.kar to node $N2$"
echo "     (redist-conf with the release: $(( (t1 - t0) / 1000000 )) ms)"
check "... node2's copy is the same file" 0 0 "$(cmp "$KARS/garnet-$NEXT.kar" "$A2/deploy/garnet-$NEXT.kar" && echo same)" "^same$"
check "... the other kar was not copied" 0 0 "$(ls "$A2/deploy/")" "^garnet-$NEXT\.kar$"
await_version "^  $N2: .*$NEXT"
await_version "^  $N3: .*$NEXT"
check "gnt-cluster version: $NEXT installed on node2 and node3 too, $OWN running on all" 0 0 "$out
$(grep -c "^  node[123]\.garnet\.test: $OWN (running), $NEXT$" <<<"$out") nodes" "^3 nodes$"
out=$("$G" gnt-cluster redist-conf 2>&1); rc=$?
check "... and not copied again" 0 $rc "$out
$(grep -c "Copying release" <<<"$out") copies" "^0 copies$"

# node2 swapped by its release agent (org.garnet.release.agent, a feature outside the swapped set), through its
# files in data/garnet-release: swap.request (id, to, bound.seconds) in, swap.state out, as gnt-cluster upgrade is
# to use them; the whole bundle set of $NEXT replaces $OWN's (no bundle of $OWN left), the cluster answers with
# node2 on $NEXT, and back again
REL2="$A2/data/garnet-release"
request_swap() {   # VERSION BOUND: asks node2's agent, prints the request's id
  local id="t$RANDOM$RANDOM"
  printf 'id=%s\nto=%s\nbound.seconds=%s\n' "$id" "$1" "$2" > "$REL2/.request" && mv "$REL2/.request" "$REL2/swap.request"
  echo "$id"
}
await_swap() {     # ID: waits (bounded, 3 min) until the agent ended that swap; prints "state: message"
  local st
  for _ in $(seq 1 360); do
    st=$(sed 's/\\//g' "$REL2/swap.state" 2>/dev/null)
    if grep -q "^id=$1$" <<<"$st" && ! grep -q "^state=swapping$" <<<"$st"; then
      echo "$(sed -n 's/^state=//p' <<<"$st"): $(sed -n 's/^message=//p' <<<"$st")"; return 0
    fi
    sleep 0.5
  done
  echo "no end within 3 min: $st"
}
# node2's Garnet bundles but the agent (which stays: it is outside the swapped set)
garnet_bundles() { karaf 2 "bundle:list -s --no-format" | grep -E "[[:space:]]org\.garnet\." | grep -v "org\.garnet\.release\.agent$"; }
agent_bundle() { karaf 2 "bundle:list -s --no-format" | grep -E "org\.garnet\.release\.agent$"; }
AGENT_BEFORE=$(agent_bundle)
check "node2's release agent is there, its core said it is up" 0 0 "$(cat "$REL2/ready" 2>&1)" "^${OWN//-/\\.}$"
t0=$(date +%s%N)
out=$(await_swap "$(request_swap $NEXT 60)")
t1=$(date +%s%N)
check "swap.request to=$NEXT on node2: the agent swaps and the new release comes up" 0 0 "$out" \
  "^done: release $NEXT runs$"
echo "     (request to the new core up: $(( (t1 - t0) / 1000000 )) ms)"
out=$("$G" gnt-cluster version 2>&1)
check "... gnt-cluster version: node2 runs $NEXT, node1 still $OWN" 0 0 "$out
$(grep -c "^  $N1: $OWN (running), $NEXT$" <<<"$out") node1" "^  $N2: $OWN, $NEXT \(running\)$"
check "... (node1 unchanged)" 0 0 "$(grep -c "^  $N1: $OWN (running), $NEXT$" <<<"$out")" "^1$"
out=$(garnet_bundles)
all=$(grep -c . <<<"$out"); new=$(grep -c "Active[[:space:]].*[[:space:]]${NEXT//./\\.}[[:space:]]" <<<"$out")
check "... every Garnet bundle on node2 is $NEXT's and active (none of $OWN left)" 0 0 "$out
$new of $all active on $NEXT, $(grep -c "${OWN//-/\\.}" <<<"$out") of $OWN" \
  "^$all of $all active on $NEXT, 0 of $OWN$"
check "... (all of them: $all Garnet bundles listed)" 0 0 "$all" "^(1[0-9]|[2-9][0-9])$"
check "... the cluster answers: gnt-node list" 0 0 "$("$G" gnt-node list --no-headers -o name 2>&1 | tr '\n' ' ')" \
  "^$N1 $N2 $N3 $"
now=$(agent_bundle)
check "... the agent itself ran on, untouched (same bundle id, same version)" 0 0 \
  "$([ -n "$AGENT_BEFORE" ] && [ "$AGENT_BEFORE" = "$now" ] && echo same || echo "before: $AGENT_BEFORE, now: $now")" "^same$"
out=$(await_swap "$(request_swap "$OWN" 60)")
check "swap.request to=$OWN on node2: back" 0 0 "$out" "^done: release $OWN runs$"
check "... gnt-cluster version: node2 runs $OWN" 0 0 "$("$G" gnt-cluster version 2>&1)" "^  $N2: $OWN \(running\), $NEXT$"
check "... no bundle of $NEXT left on node2" 0 0 "$(garnet_bundles | grep -c "$NEXT") of $NEXT" "^0 of $NEXT$"

# a release whose core never comes up (its jar lacks the component that says so), in an archive without
# Karaf-Feature-Start: false: dropped in, it installs nothing; asked for, the agent takes it back
BROKEN=0.2.1
out=$("$G" kar --version $BROKEN --out "$GARNET_HOME/broken" 2>&1); rc=$?
check "./garnet kar --version $BROKEN" 0 $rc "$out" "garnet-$BROKEN\.kar$"
( set -e; cd "$GARNET_HOME/broken"; mkdir x; cd x; unzip -q "../garnet-$BROKEN.kar"
  zip -q -d "repository/org/garnet/org.garnet.core/$BROKEN/org.garnet.core-$BROKEN.jar" \
    OSGI-INF/org.garnet.core.internal.node.ReleaseReady.xml
  sed -i '/^Karaf-Feature-Start/d' META-INF/MANIFEST.MF   # its features' install="manual" must hold it back
  zip -q "$A2/deploy/.garnet-$BROKEN.kar" META-INF/MANIFEST.MF   # the manifest first, as in a jar
  zip -q -r "$A2/deploy/.garnet-$BROKEN.kar" . -x META-INF/MANIFEST.MF ) && mv "$A2/deploy/.garnet-$BROKEN.kar" "$A2/deploy/garnet-$BROKEN.kar"
await_version "^  $N2: .*$BROKEN"
check "the broken $BROKEN dropped into node2's deploy/ is installed there" 0 0 "$out" "^  $N2: .*, $BROKEN$"
check "... none of its bundles installed, though its manifest lacks Karaf-Feature-Start: false" 0 0 \
  "$(garnet_bundles | grep -c "$BROKEN") of $BROKEN" "^0 of $BROKEN$"
t0=$(date +%s%N)
out=$(await_swap "$(request_swap $BROKEN 15)")
t1=$(date +%s%N)
check "swap.request to=$BROKEN: not up within 15 s, taken back" 0 0 "$out" \
  "^rolled-back: release $BROKEN did not come up within 15 s: its core has not started; release $OWN installed again and running$"
echo "     (request to rolled back: $(( (t1 - t0) / 1000000 )) ms)"
check "... node2 runs $OWN" 0 0 "$("$G" gnt-cluster version 2>&1)" "^  $N2: $OWN \(running\), $NEXT, $BROKEN$"
check "... no bundle of $BROKEN left" 0 0 "$(garnet_bundles | grep -c "$BROKEN") of $BROKEN" "^0 of $BROKEN$"
check "... and the cluster answers" 0 0 "$("$G" gnt-node list --no-headers -o name 2>&1 | tr '\n' ' ')" "^$N1 $N2 $N3 $"

# ---- gnt-cluster upgrade: the whole cluster, node by node, the master last -----------------------------------
out=$("$G" gnt-cluster upgrade 2>&1); rc=$?
check "gnt-cluster upgrade without --to or --resume: Ganeti's refusal" 1 $rc "$out" \
  "^Precisely one of the options --to and --resume has to be given$"
out=$("$G" gnt-cluster upgrade --resume 2>&1); rc=$?
check "gnt-cluster upgrade --resume with none under way: nothing to do" 0 $rc "$out" "^$"
out=$("$G" gnt-cluster upgrade --to 1.0.0 2>&1); rc=$?
check "gnt-cluster upgrade --to 1.0.0: out of range" 1 $rc "$out" \
  "^Cannot upgrade to 1\.0\.0: major version up- or downgrades are not supported$"
out=$("$G" gnt-cluster upgrade --to 'x.y' 2>&1); rc=$?
check "gnt-cluster upgrade --to x.y: no version" 1 $rc "$out" "^Could not parse version string x\.y$"
out=$("$G" gnt-cluster upgrade --to $BROKEN 2>&1); rc=$?
check "gnt-cluster upgrade --to $BROKEN (installed on node2 only): refused, naming the nodes without it" 1 $rc "$out" \
  "^Garnet version $BROKEN not installed on nodes $N1, $N3$"
check "... nothing changed: every node runs $OWN" 0 0 "$("$G" gnt-cluster version 2>&1 | grep -c "$OWN (running)") nodes" "^3 nodes$"

out=$("$G" gnt-instance add -t diskless -o noop --no-name-check --no-ip-check -n $N2 inst1 2>&1); rc=$?
check "an instance on node2 (fake hypervisor)" 0 $rc "$out" "starting instance"
"$G" gnt-instance add -t diskless -o noop --no-name-check --no-ip-check -n $N1 inst2 >/dev/null 2>&1
# a kvm guest on the master (qemu under TCG, the tiny test guest: itests/kvm): the swaps must leave its qemu alone
kernel=$("$ROOT/itests/kvm/make-tiny-initrd.sh" "$GARNET_HOME/tiny.cpio.gz") || exit 1
"$G" gnt-cluster modify -H "kvm:kernel_path=$kernel,initrd_path=$GARNET_HOME/tiny.cpio.gz,kvm_flag=disabled,kvm_path=/usr/bin/qemu-system-x86_64,kernel_args=quiet" >/dev/null 2>&1
out=$("$G" gnt-instance add -t diskless -o noop -H kvm -B memory=128M --no-nics --ignore-ipolicy --no-name-check \
  --no-ip-check -n $N1 kvm1 2>&1); rc=$?
check "a kvm guest on the master node1 (qemu, TCG)" 0 $rc "$out" "starting instance"
# "pid boot-id" of kvm1: its qemu's process (alive) and the boot id its guest prints on the console every 5 s
kvm_state() {
  local pid boot="" out
  pid=$(cat "$A1/var/run/garnet/kvm-hypervisor/pid/kvm1" 2>/dev/null)
  kill -0 "$pid" 2>/dev/null || pid=dead
  for _ in $(seq 1 6); do
    out=$(timeout 12 "$G" gnt-instance console kvm1 </dev/null 2>&1 | head -n 14 | tr -d '\r')
    boot=$(sed -n 's/^\(GARNET-TINY-BOOTED\|boot\) \([0-9a-f-]*\)$/\2/p' <<<"$out" | tail -1)
    [ -n "$boot" ] && break
    sleep 2
  done
  echo "$pid ${boot:-no-boot-id}"
}
KVM_BEFORE=$(kvm_state)
check "... its qemu runs and its guest booted" 0 0 "$KVM_BEFORE" "^[0-9]+ [0-9a-f-]+$"
[[ "$KVM_BEFORE" =~ ^[0-9]+\ [0-9a-f-]+$ ]] || KVM_BEFORE="no guest to compare with"

# one driver alone, as a Karaf operator does: feature:install -u garnet-hypervisor-fake/NEXT on node1 replaces that
# driver (its feature is a root of its own), the API and the core stay, the instance on it runs on; then back
garnet_layers() {
  karaf 1 "bundle:list -s --no-format" | awk '$NF ~ /^org\.garnet\.(api|core|hypervisor\.fake)$/ {print $NF, $(NF-1), $2}' \
    | sort | tr '\n' '|'
}
OWN_OSGI=${OWN/-/.}
out=$(karaf 1 "feature:install -u garnet-hypervisor-fake/$NEXT" 2>&1)
check "feature:install -u garnet-hypervisor-fake/$NEXT on node1: that driver alone is $NEXT's" 0 0 "$out
$(garnet_layers)" \
  "^org\.garnet\.api ${OWN_OSGI//./\\.} Active\|org\.garnet\.core ${OWN_OSGI//./\\.} Active\|org\.garnet\.hypervisor\.fake ${NEXT//./\\.} Active\|$"
out=$("$G" gnt-instance reboot inst2 2>&1); rc=$?
check "... the instance on it (inst2) reboots through the new driver" 0 $rc "$out" ""
check "... and runs" 0 0 "$("$G" gnt-instance list --no-headers -o name,status inst2 2>&1 | tr -s ' ')" "^inst2 running$"
out=$(karaf 1 "feature:install -u garnet-hypervisor-fake/$OWN_OSGI" 2>&1)
check "feature:install -u garnet-hypervisor-fake/$OWN_OSGI: back" 0 0 "$out
$(garnet_layers)" \
  "^org\.garnet\.api ${OWN_OSGI//./\\.} Active\|org\.garnet\.core ${OWN_OSGI//./\\.} Active\|org\.garnet\.hypervisor\.fake ${OWN_OSGI//./\\.} Active\|$"
check "... gnt-cluster version: node1 still runs $OWN" 0 0 "$("$G" gnt-cluster version 2>&1)" "^  $N1: $OWN \(running\), $NEXT"

read -r RUSER RPW < <("$G" credentials)
# a writer: 200 RAPI jobs (tag changes), one every 50 ms, while the upgrade runs, each tried again (bounded) until
# acknowledged, as a client does while the master's RAPI swaps; keeps "id first-try-time" and the refusals' count
writer() {
  local i id first n
  for i in $(seq 1 200); do
    first=$(date +%s.%N); n=0
    while :; do
      id=$(curl -sk --max-time 5 -u "$RUSER:$RPW" -X PUT "https://127.0.0.10:5080/2/tags?tag=up$i" 2>/dev/null)
      [[ "$id" =~ ^[0-9]+$ ]] && break
      echo "$i" >> "$GARNET_HOME/refused"; n=$((n + 1)); [ $n -ge 200 ] && break
      sleep 0.1
    done
    [[ "$id" =~ ^[0-9]+$ ]] && echo "$id $first" >> "$GARNET_HOME/acked"
    sleep 0.05
  done
}
# readers: GET /2/info from the master, else from a candidate; the longest time no node answered
reader() {
  local last ok_any now gap=0 t
  last=$(date +%s%N)
  while [ ! -e "$GARNET_HOME/stop-reading" ]; do
    ok_any=
    for ip in 127.0.0.10 127.0.0.12 127.0.0.13; do
      if curl -sfk --max-time 1 -u "$RUSER:$RPW" "https://$ip:5080/2/info" 2>/dev/null | grep -q '"name"'; then ok_any=1; break; fi
    done
    now=$(date +%s%N)
    if [ -n "$ok_any" ]; then t=$(( (now - last) / 1000000 )); [ $t -gt $gap ] && gap=$t; last=$now; fi
    sleep 0.1
  done
  echo $gap > "$GARNET_HOME/read-gap"
}
: > "$GARNET_HOME/acked"; : > "$GARNET_HOME/refused"
# jobs that call node2 and node3 while they swap (gnt-debug delay -n: each node's daemon sleeps): submitted every
# 0.5 s until the upgrade ends (refused ones while the master swaps); "id" of each acknowledged one
caller() {
  local out
  while [ ! -e "$GARNET_HOME/stop-calling" ]; do
    out=$("$G" gnt-debug delay --submit -n $N2 -n $N3 0.2 2>&1) && sed -n 's/^JobID: \([0-9]*\)$/\1/p' <<<"$out" >> "$GARNET_HOME/called"
    sleep 0.5
  done
}
: > "$GARNET_HOME/called"
"$G" gnt-debug delay --submit 2 >/dev/null 2>&1   # a job still running when the upgrade starts
reader & READER=$!
writer & WRITER=$!
caller & CALLER=$!
sleep 1
t0=$(date +%s%N)
out=$("$G" gnt-cluster upgrade --to $NEXT 2>&1); rc=$?
t1=$(date +%s%N)
touch "$GARNET_HOME/stop-calling"; wait $CALLER
wait $WRITER; touch "$GARNET_HOME/stop-reading"; wait $READER; rm -f "$GARNET_HOME/stop-reading"
check "gnt-cluster upgrade --to $NEXT" 0 $rc "$out" "^Verifying cluster\.$"
echo "     (upgrade of 3 nodes: $(( (t1 - t0) / 1000000 )) ms; longest time no RAPI answered a read: $(cat "$GARNET_HOME/read-gap") ms)"
steps=$(grep -E "^(Verifying $NEXT present|Draining queue|Pausing the watcher|Backing up configuration as|Switching to version $NEXT on|Switched to version|Redistributing|Verifying that every node|Undraining|Unpausing|Verifying cluster|Command )" <<<"$out" | sed -E 's/ as .*//; s/ on (the master )?node .*//' | uniq | tr '\n' '|')
check "... Ganeti's steps, the queue drained only before the master's swap" 0 0 "$steps" \
  "^Verifying $NEXT present on all nodes\|Pausing the watcher for one hour\.\|Switching to version $NEXT\|Draining queue\|Backing up configuration\|Switching to version $NEXT\|Switched to version $NEXT\|Verifying that every node runs $NEXT\.\|Undraining the queue\.\|Unpausing the watcher\.\|Redistributing the configuration\.\|Verifying cluster\.\|$"
check "... node2 and node3 first, then the master" 0 0 "$(grep "^Switching" <<<"$out" | tr '\n' '|')" \
  "^Switching to version $NEXT on node $N2\|Switching to version $NEXT on node $N3\|Switching to version $NEXT on the master node $N1\|$"
check "... the configuration converted to $NEXT's schema by $NEXT's core" 0 0 "$(grep -A1 "^Upgrading configuration$" <<<"$out")" \
  "^  node parameter garnet_zone: added \(release $NEXT\)$"
check "... gnt-cluster info: the new node parameter with its default" 0 0 "$("$G" gnt-cluster info 2>&1)" "^  garnet_zone: default$"
backup=$(sed -n 's/^Backing up configuration as //p' <<<"$out")
check "... the configuration's backup is there, readable by its owner only" 0 0 \
  "$(stat -c %a "$backup" 2>&1) $(python3 -c 'import json,sys; print(sorted(json.load(open(sys.argv[1]))))' "$backup" 2>&1)" \
  "^600 \['cluster', 'instances', 'networks', 'nodegroups', 'nodes'\]$"
out=$("$G" gnt-cluster version 2>&1)
check "... gnt-cluster version: every node runs $NEXT" 0 0 "$out
$(grep -c "^  node[123]\.garnet\.test: .*$NEXT (running)" <<<"$out") nodes" "^3 nodes$"
out=$(karaf 1 "bundle:list -s --no-format" | grep -E "[[:space:]]org\.garnet\." | grep -v "org\.garnet\.release\.agent$")
check "... the master's Garnet bundles are all $NEXT's and active" 0 0 "$(grep -c . <<<"$out") $(grep -c "Active[[:space:]].*[[:space:]]${NEXT//./\\.}[[:space:]]" <<<"$out")" "^([0-9]+) \1$"
check "... the instances still run" 0 0 "$("$G" gnt-instance list --no-headers -o name,status 2>&1 | tr -s ' ' | tr '\n' '|')" \
  "^inst1 running\|inst2 running\|kvm1 running\|$"
check "... the kvm guest: the same qemu process, the same boot (not restarted)" 0 0 "$(kvm_state)" "^${KVM_BEFORE}$"
await_jobs_final
acked_figures "$(cut -d' ' -f1 "$GARNET_HOME/acked")"
check "... the RAPI writers' jobs: every acknowledged one there and final" 0 0 \
  "$(wc -l < "$GARNET_HOME/acked") acked, $(wc -l < "$GARNET_HOME/refused") refused, $missing missing, $unfinished unfinished" \
  "^[0-9]+ acked, [0-9]+ refused, 0 missing, 0 unfinished$"
echo "     ($(wc -l < "$GARNET_HOME/acked") of 200 RAPI writes acknowledged, $(wc -l < "$GARNET_HOME/refused") tries refused while the master's RAPI swapped)"
held=$(python3 - "$RUSER" "$RPW" "$GARNET_HOME/acked" <<'PY'
import json, ssl, sys, urllib.request, base64
user, pw = sys.argv[1], sys.argv[2]
acked = [l.split() for l in open(sys.argv[3]) if l.strip()]
ctx = ssl._create_unverified_context()
auth = base64.b64encode(f"{user}:{pw}".encode()).decode()
worst = worst_queue = 0.0
for i, first in acked:
    req = urllib.request.Request(f"https://127.0.0.10:5080/2/jobs/{i}", headers={"Authorization": "Basic " + auth})
    j = json.load(urllib.request.urlopen(req, context=ctx, timeout=10))
    if j.get("status") != "success":
        print(f"job {i} {j.get('status')}"); sys.exit(0)
    r, s = j["received_ts"], j["start_ts"]
    start = s[0] + s[1] / 1e6
    worst = max(worst, start - float(first))
    worst_queue = max(worst_queue, start - (r[0] + r[1] / 1e6))
print(f"all success, longest from first try to start {worst:.1f} s (in the queue {worst_queue:.1f} s)")
PY
)
check "... all of them succeeded" 0 0 "$held" "^all success"
echo "     (writes held: $held)"
called=$(python3 - "$RUSER" "$RPW" "$GARNET_HOME/called" <<'PY'
import json, ssl, sys, urllib.request, base64
user, pw = sys.argv[1], sys.argv[2]
ids = [l.strip() for l in open(sys.argv[3]) if l.strip()]
ctx = ssl._create_unverified_context()
auth = base64.b64encode(f"{user}:{pw}".encode()).decode()
longest, bad = 0.0, []
for i in ids:
    req = urllib.request.Request(f"https://127.0.0.10:5080/2/jobs/{i}", headers={"Authorization": "Basic " + auth})
    j = json.load(urllib.request.urlopen(req, context=ctx, timeout=10))
    if j.get("status") != "success":
        bad.append(f"{i} {j.get('status')} {j.get('opresult')}")
        continue
    s, e = j["start_ts"], j["end_ts"]
    longest = max(longest, (e[0] + e[1] / 1e6) - (s[0] + s[1] / 1e6))
print(f"{len(ids)} jobs, {len(bad)} failed {bad[:2]}, longest run {longest:.1f} s")
PY
)
check "... the delay jobs on node2 and node3 submitted meanwhile all succeeded (calls to a swapping node wait)" 0 0 \
  "$called" "^[1-9][0-9]* jobs, 0 failed"
echo "     (jobs calling node2 and node3 during the upgrade: $called)"

# rollback: back to the old bundle set, one minor version down
t0=$(date +%s%N)
out=$("$G" gnt-cluster upgrade --to "$OWN" 2>&1); rc=$?
t1=$(date +%s%N)
check "gnt-cluster upgrade --to $OWN (rollback)" 0 $rc "$out" "^Unpausing the watcher\.$"
echo "     (rollback of 3 nodes: $(( (t1 - t0) / 1000000 )) ms)"
check "... the configuration converted back by $NEXT's core before the swap (Ganeti's --downgrade)" 0 0 \
  "$(grep -B1 -A1 "^Downgrading configuration$" <<<"$out" | tr '\n' '|')" \
  "^Backing up configuration as [^|]*\|Downgrading configuration\|  node parameter garnet_zone: removed \(release $NEXT\)\|$"
check "... gnt-cluster info: the node parameter is gone" 0 0 "$("$G" gnt-cluster info 2>&1 | grep -c garnet_zone) garnet_zone" "^0 garnet_zone$"
out=$("$G" gnt-cluster version 2>&1)
check "... every node runs $OWN again" 0 0 "$out
$(grep -c "^  node[123]\.garnet\.test: $OWN (running)" <<<"$out") nodes" "^3 nodes$"
check "... the instances still run" 0 0 "$("$G" gnt-instance list --no-headers -o name,status 2>&1 | tr -s ' ' | tr '\n' '|')" \
  "^inst1 running\|inst2 running\|kvm1 running\|$"
check "... the kvm guest: still the same qemu process and boot" 0 0 "$(kvm_state)" "^${KVM_BEFORE}$"
out=$(timeout 60 "$G" gnt-debug delay 0.1 2>&1); rc=$?
check "... and jobs run again" 0 $rc "$out" ""

# a release Karaf cannot resolve (its core requires a bundle nobody has): refused by node2's Karaf before anything
# changed there, so the upgrade takes the nodes back, undrains, and the cluster is as it was
BAD=0.2.2
out=$("$G" kar --version $BAD --out "$GARNET_HOME/bad" 2>&1); rc=$?
check "./garnet kar --version $BAD" 0 $rc "$out" "garnet-$BAD\.kar$"
python3 - "$GARNET_HOME/bad/garnet-$BAD.kar" "$GARNET_HOME/bad/unresolvable.kar" "$BAD" <<'PY'
import io, sys, zipfile
src, dst, v = sys.argv[1:]
core = f"repository/org/garnet/org.garnet.core/{v}/org.garnet.core-{v}.jar"
with zipfile.ZipFile(src) as kar, zipfile.ZipFile(dst + ".tmp", "w", zipfile.ZIP_DEFLATED) as out:
    for item in kar.infolist():
        data = kar.read(item.filename)
        if item.filename == core:
            buf = io.BytesIO()
            with zipfile.ZipFile(io.BytesIO(data)) as jar, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as nj:
                for e in jar.infolist():
                    d = jar.read(e.filename)
                    if e.filename == "META-INF/MANIFEST.MF":
                        nl = b"\r\n" if b"\r\n" in d else b"\n"
                        first, rest = d.split(nl, 1)
                        d = first + nl + b"Require-Bundle: org.garnet.nowhere" + nl + rest
                    nj.writestr(e, d)
            data = buf.getvalue()
        out.writestr(item, data)
import os; os.rename(dst + ".tmp", dst.replace("unresolvable.kar", f"garnet-{v}.kar"))
PY
cp "$GARNET_HOME/bad/garnet-$BAD.kar" "$A1/deploy/"
await_version "^  $N1: .*$BAD"
"$G" gnt-cluster redist-conf >/dev/null 2>&1
await_version "^  $N3: .*$BAD"
check "the unresolvable $BAD installed beside the others on every node" 0 0 "$(grep -c "^  node[123]\.garnet\.test: .*$BAD" <<<"$out") nodes" "^3 nodes$"
out=$("$G" gnt-cluster upgrade --to $BAD 2>&1); rc=$?
check "gnt-cluster upgrade --to $BAD: fails at node2, Karaf's reason named" 1 $rc "$out" \
  "^Failed to switch to Garnet version $BAD on nodes $N2: Karaf could not install release $BAD: "
check "... (the bundle it lacks, and node2 unchanged)" 0 0 "$(grep -c "org\.garnet\.nowhere" <<<"$out") $(grep -c "release $OWN still runs, unchanged" <<<"$out")" "^[1-9][0-9]* 1$"
check "... it rolls back and undrains" 0 0 "$(grep -E "^(Rolling back|Undraining the queue)" <<<"$out" | tr '\n' '|')" \
  "^Rolling back\.\|Undraining the queue\.\|$"
out=$("$G" gnt-cluster version 2>&1)
check "... every node still runs $OWN" 0 0 "$out
$(grep -c "^  node[123]\.garnet\.test: $OWN (running)" <<<"$out") nodes" "^3 nodes$"
out=$(timeout 60 "$G" gnt-debug delay 0.1 2>&1); rc=$?
check "... and jobs run" 0 $rc "$out" ""

# ---- faults: a node down before the upgrade, the master killed in the middle ---------------------------------
kill_node 3
out=$("$G" gnt-cluster upgrade --to $NEXT 2>&1); rc=$?
check "node3 down: gnt-cluster upgrade --to $NEXT refused before anything changes" 1 $rc "$out" \
  "^Garnet version $NEXT not installed on nodes $N3 \("
check "... no node swapped, no intent left: jobs run" 0 0 "$("$G" gnt-cluster version 2>&1 | grep -c "$OWN (running)") nodes
$(timeout 60 "$G" gnt-debug delay 0.1 >/dev/null 2>&1 && echo jobs run)" "^2 nodes
jobs run$"
"$G" up --nodes 3 >/dev/null 2>&1
await_version "^  $N3: $OWN \(running\)"

# the master killed while the other nodes swap: a candidate takes over (its queue holds the jobs that change the
# cluster or its nodes), and
# gnt-cluster upgrade --resume on it finishes the upgrade once node1 is back
# (Karaf's shell gives a command's output when it ends: node2's agent's state says when node2 is through)
before=$(grep '^id=' "$REL2/swap.state")
"$G" gnt-cluster upgrade --to $NEXT > "$GARNET_HOME/interrupted.out" 2>&1 &
UP=$!
for _ in $(seq 1 600); do
  st=$(cat "$REL2/swap.state" 2>/dev/null)
  grep -q "^state=done$" <<<"$st" && ! grep -qx "$before" <<<"$st" && break
  sleep 0.05
done
kill_node 1
wait $UP 2>/dev/null
check "the master killed during the upgrade, node2 swapped to $NEXT" 0 0 "$st" "^to=$NEXT$"
M=
for _ in $(seq 1 120); do
  M=$("$G" --node $N2 gnt-cluster getmaster 2>/dev/null)
  [ -n "$M" ] && [ "$M" != "$N1" ] && break
  sleep 0.5
done
check "... a candidate took over as master" 0 0 "$M" "^node[23]\.garnet\.test$"
out=$("$G" --node "$M" gnt-cluster modify --submit --max-running-jobs 21 2>&1); held_job=$(grep -oE '[0-9]+' <<<"$out" | tail -1)
out=$(timeout 60 "$G" --node "$M" gnt-debug delay 0.1 2>&1); rc=$?
check "... its queue runs a job that leaves the nodes alone (gnt-debug delay; the other nodes' stage)" 0 $rc "$out" ""
check "... and holds one that changes the cluster (gnt-cluster modify): the upgrade is not over" 0 0 \
  "$("$G" --node "$M" gnt-job list --no-headers -o id,status 2>&1 | awk -v j="$held_job" '$1 == j {print $2}')" "^queued$"
out=$("$G" --node "$M" gnt-cluster upgrade --to $OWN 2>&1); rc=$?
check "... another target is refused: Ganeti's message" 1 $rc "$out" \
  "^An upgrade from $OWN to $NEXT is in progress; use --resume to finish it first$"
out=$("$G" --node "$M" gnt-cluster upgrade --resume 2>&1); rc=$?
check "... --resume with node1 down: refused, naming it" 1 $rc "$out" "^Garnet version $NEXT not installed on nodes $N1 \("
"$G" up --nodes 3 >/dev/null 2>&1
for _ in $(seq 1 120); do "$G" --node "$M" gnt-cluster version 2>/dev/null | grep -q "^  $N1: $OWN (running)" && break; sleep 0.5; done
out=$("$G" --node "$M" gnt-cluster upgrade --resume 2>&1); rc=$?
check "... node1 back (a node now): --resume finishes the upgrade" 0 $rc "$out" "^Unpausing the watcher\.$"
out=$("$G" --node "$M" gnt-cluster version 2>&1)
check "... every node runs $NEXT" 0 0 "$out
$(grep -c "^  node[123]\.garnet\.test: .*$NEXT (running)" <<<"$out") nodes" "^3 nodes$"
check "... the held job ran" 0 0 "$(for _ in $(seq 1 60); do st=$("$G" --node "$M" gnt-job list --no-headers -o id,status 2>&1 | awk -v j="$held_job" '$1 == j {print $2}'); [ "$st" = success ] && break; sleep 0.5; done; echo "$st")" "^success$"
check "... the configuration has $NEXT's schema" 0 0 "$("$G" --node "$M" gnt-cluster info 2>&1)" "^  garnet_zone: default$"
check "... the instances still run" 0 0 "$("$G" --node "$M" gnt-instance list --no-headers -o name,status 2>&1 | tr -s ' ' | tr '\n' '|')" \
  "^inst1 running\|inst2 running\|kvm1 running\|$"

# ---- one appliance: the same upgrade and rollback on a single-node cluster ----------------------------------
"$G" down >/dev/null 2>&1
pkill -9 -f "$GARNET_HOME/cluster/node" 2>/dev/null
rm -rf "$GARNET_HOME/cluster"
out=$("$G" up 2>&1); rc=$?
check "./garnet up (one appliance)" 0 $rc "$out" "^Garnet is running"
cp "$KARS/garnet-$NEXT.kar" "$GARNET_HOME/appliance/deploy/"
await_version "^  [^ ]+: $OWN \(running\), $NEXT$"
"$G" gnt-instance add -t diskless -o noop --no-name-check --no-ip-check solo >/dev/null 2>&1
t0=$(date +%s%N)
out=$("$G" gnt-cluster upgrade --to $NEXT 2>&1); rc=$?
t1=$(date +%s%N)
echo "     (upgrade of one appliance: $(( (t1 - t0) / 1000000 )) ms)"
check "single node: gnt-cluster upgrade --to $NEXT" 0 $rc "$out" "^  node parameter garnet_zone: added \(release $NEXT\)$"
check "... it runs $NEXT, the instance still runs" 0 0 "$("$G" gnt-cluster version 2>&1 | grep -c "$NEXT (running)") $("$G" gnt-instance list --no-headers -o name,status 2>&1 | tr -s ' ')" "^1 solo running$"
# an instance that died behind the cluster's back: the rollback goes through, Ganeti's last step (gnt-cluster
# verify) finds it and the command says so, exit 1
"$G" gnt-instance add -t diskless -o noop --no-name-check --no-ip-check crashed >/dev/null 2>&1
rm -f "$GARNET_HOME/appliance/var/run/garnet/fake-hypervisor/crashed"
out=$("$G" gnt-cluster upgrade --to "$OWN" 2>&1); rc=$?
check "single node: gnt-cluster upgrade --to $OWN" 1 $rc "$out" "^  node parameter garnet_zone: removed \(release $NEXT\)$"
check "... its verification found the dead instance: exit 1" 0 0 "$(grep -A1 "^Verifying cluster\.$" <<<"$out")" \
  "^Command \['gnt-cluster', 'verify'\] failed: exited with exit code 1; Output .*ERROR: instance crashed: instance not running on its primary node"
"$G" gnt-instance remove -f crashed >/dev/null 2>&1
check "... it runs $OWN, the instance still runs" 0 0 "$("$G" gnt-cluster version 2>&1 | grep -c "$OWN (running)") $("$G" gnt-instance list --no-headers -o name,status 2>&1 | tr -s ' ')" "^1 solo running$"

# the appliance killed in the middle of its own swap (kill -9 while its agent swaps): started again, its agent
# finishes the swap and the new core the upgrade
RELS="$GARNET_HOME/appliance/data/garnet-release"
"$G" gnt-cluster upgrade --to $NEXT > "$GARNET_HOME/killed.out" 2>&1 &
UP=$!
st=
for _ in $(seq 1 1500); do
  st=$(cat "$RELS/swap.state" 2>/dev/null)
  grep -q "^state=swapping$" <<<"$st" && grep -q "^to=$NEXT$" <<<"$st" && break
  sleep 0.02
done
kill -9 "$(cat "$GARNET_HOME/appliance/karaf.pid")"
wait $UP 2>/dev/null
check "single node killed while it swaps to $NEXT" 0 0 "$st" "^state=swapping$"
"$G" up >/dev/null 2>&1
for _ in $(seq 1 240); do
  out=$("$G" gnt-cluster upgrade --resume 2>&1); rc=$?
  [ $rc -eq 0 ] && [ -z "$out" ] && break
  sleep 0.5
done
check "... started again: the upgrade is over (--resume finds nothing to do)" 0 $rc "$out" "^$"
check "... its agent finished the swap" 0 0 "$(grep -E "^(state|message)=" "$RELS/swap.state" | tr '\n' '|')" "^state=done\|message=release $NEXT runs\|$"
check "... it runs $NEXT with its schema, the instance still runs, jobs run" 0 0 \
  "$("$G" gnt-cluster version 2>&1 | grep -c "$NEXT (running)") $("$G" gnt-cluster info 2>&1 | grep -c "^  garnet_zone: default$") $("$G" gnt-instance list --no-headers -o name,status 2>&1 | tr -s ' ') $(timeout 60 "$G" gnt-debug delay 0.1 >/dev/null 2>&1 && echo jobs)" \
  "^1 1 solo running jobs$"

echo "upgrade-test: $fails failure(s)"
[ "$fails" -eq 0 ]
