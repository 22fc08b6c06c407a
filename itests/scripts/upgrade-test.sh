#!/usr/bin/env bash
# Releases side by side on two appliances (./garnet up --nodes 2), the first part of upgrades: `./garnet kar
# --version V` makes the next version of this tree as a Karaf archive; dropped into the master's deploy/ it is
# installed beside the running version and nothing changes (no bundle of V starts); gnt-cluster redist-conf
# streams it to the other node; gnt-cluster version lists each node's versions with the running one marked; a kar
# that is no Garnet release is not copied. Own GARNET_HOME; stops what it started, also on failure.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export GARNET_HOME="$(mktemp -d /tmp/garnet-upgrade.XXXXXX)"
export GARNET_WATCHER_INTERVAL=3600
G="$ROOT/garnet"
fails=0
. "$ROOT/itests/scripts/lib.sh"
N1=node1.garnet.test; N2=node2.garnet.test
A1="$GARNET_HOME/cluster/node1/appliance"; A2="$GARNET_HOME/cluster/node2/appliance"
KARS="$GARNET_HOME/kars"
trap stop_cluster EXIT
# Karaf's own shell on appliance K (bundle:list, feature:list: what the container really runs)
karaf() {
  ssh -p 8101 -i "$GARNET_HOME/ssh/id_rsa" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o BatchMode=yes -o LogLevel=QUIET -o ConnectTimeout=10 "garnet@127.0.0.1$1" "$2" 2>/dev/null
}
OWN=$(sed -n '/<artifactId>garnet-parent<\/artifactId>/{n;s|.*<version>\(.*\)</version>.*|\1|p;q}' "$ROOT/pom.xml")
NEXT=0.2.0

t0=$(date +%s%N)
out=$("$G" kar --version $NEXT --out "$KARS" 2>&1); rc=$?
t1=$(date +%s%N)
check "./garnet kar --version $NEXT" 0 $rc "$out" "^$KARS/garnet-$NEXT\.kar$"
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

out=$("$G" up --nodes 2 2>&1); rc=$?
check "./garnet up --nodes 2" 0 $rc "$out" "^$N2 127\.0\.0\.12 candidate pid [0-9]+$"
[ $rc -eq 0 ] || exit 1
out=$("$G" gnt-cluster version 2>&1); rc=$?
check "gnt-cluster version: Ganeti's lines, then each node's versions" 0 $rc "$out" "^Software version: "
check "... node1 runs $OWN, the only one installed" 0 0 "$out" "^  $N1: $OWN \(running\)$"
check "... node2 too" 0 0 "$out" "^  $N2: $OWN \(running\)$"

cp "$KARS/garnet-$NEXT.kar" "$A1/deploy/"
for _ in $(seq 1 60); do   # bounded: Karaf's deployer polls deploy/ every second
  out=$("$G" gnt-cluster version 2>&1)
  grep -q "^  $N1: .*$NEXT" <<<"$out" && break
  sleep 0.5
done
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
for _ in $(seq 1 60); do
  out=$("$G" gnt-cluster version 2>&1)
  grep -q "^  $N2: .*$NEXT" <<<"$out" && break
  sleep 0.5
done
check "gnt-cluster version: $NEXT installed on node2 too, $OWN running on both" 0 0 "$out
$(grep -c "^  node[12]\.garnet\.test: $OWN (running), $NEXT$" <<<"$out") nodes" "^2 nodes$"
out=$("$G" gnt-cluster redist-conf 2>&1); rc=$?
check "... and not copied again" 0 $rc "$out
$(grep -c "Copying release" <<<"$out") copies" "^0 copies$"

# the swap gnt-cluster upgrade is to make, by hand on node2 with Karaf's own command: the whole bundle set of
# $NEXT replaces $OWN's (no bundle of $OWN left), the cluster answers with node2 on $NEXT, and back again
garnet_bundles() { karaf 2 "bundle:list -s --no-format" | grep -E "[[:space:]]org\.garnet\." ; }
t0=$(date +%s%N)
karaf 2 "feature:install -u garnet/$NEXT" >/dev/null
t1=$(date +%s%N)
for _ in $(seq 1 60); do
  out=$("$G" gnt-cluster version 2>&1)
  grep -q "^  $N2: $OWN, $NEXT (running)$" <<<"$out" && break
  sleep 0.5
done
check "feature:install -u garnet/$NEXT on node2: node2 runs $NEXT, node1 still $OWN" 0 0 "$out" \
  "^  $N2: $OWN, $NEXT \(running\)$"
echo "     (the swap: $(( (t1 - t0) / 1000000 )) ms)"
out=$(garnet_bundles)
all=$(grep -c . <<<"$out"); new=$(grep -c "Active[[:space:]].*[[:space:]]${NEXT//./\\.}[[:space:]]" <<<"$out")
check "... every Garnet bundle on node2 is $NEXT's and active (none of $OWN left)" 0 0 "$out
$new of $all active on $NEXT, $(grep -c "${OWN//-/\\.}" <<<"$out") of $OWN" "^$all of $all active on $NEXT, 0 of $OWN$"
check "... (all of them: $all Garnet bundles listed)" 0 0 "$all" "^(1[0-9]|[2-9][0-9])$"
check "... the cluster answers: gnt-node list" 0 0 "$("$G" gnt-node list --no-headers -o name 2>&1 | tr '\n' ' ')" \
  "^$N1 $N2 $"
karaf 2 "feature:install -u garnet/${OWN//-/.}" >/dev/null
for _ in $(seq 1 60); do
  out=$("$G" gnt-cluster version 2>&1)
  grep -q "^  $N2: $OWN (running), $NEXT$" <<<"$out" && break
  sleep 0.5
done
check "feature:install -u garnet/$OWN on node2: back to $OWN" 0 0 "$out" "^  $N2: $OWN \(running\), $NEXT$"
out=$(garnet_bundles)
check "... every Garnet bundle on node2 is $OWN's again (none of $NEXT left)" 0 0 "$out
$(grep -c "$NEXT" <<<"$out") of $NEXT" "^0 of $NEXT$"

echo "upgrade-test: $fails failure(s)"
[ "$fails" -eq 0 ]
