#!/usr/bin/env bash
# bench/hbal.sh — times Garnet's hbal against Ganeti's real hbal on a generated cluster.
#   usage: bench/hbal.sh [NODES] [INSTANCES] [MAX_STEPS] [SEED]     (defaults: 200 2000 3 7)
# Builds the htools module (with test classes, for the seeded cluster generator), generates the cluster, runs
# both tools with -l MAX_STEPS (Ganeti needs minutes per step at this size) and prints wall and CPU times and the
# final scores. Set GANETI_HBAL to another binary, or to "" to time Garnet only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODES=${1:-200}; INSTS=${2:-2000}; STEPS=${3:-3}; SEED=${4:-7}
GANETI_HBAL=${GANETI_HBAL-/usr/lib/ganeti/3.0/usr/bin/hbal}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
(cd "$ROOT" && mvn -B -q -o package -pl bundles/htools -DskipTests >/dev/null 2>&1 && mvn -B -q -o test-compile -pl bundles/htools >/dev/null 2>&1)
M="$ROOT/bundles/htools/target"
JAR=$(ls "$M"/org.garnet.htools-*-cli.jar | head -1)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$JAVA_HOME/bin/java" -cp "$M/classes:$M/test-classes" org.garnet.htools.hbal.ClusterGenerator "$SEED" "$NODES" "$INSTS" 1 1 > "$work/c.data"
run() { # label command...
  local label=$1; shift
  /usr/bin/time -f "$label: %e s wall, %U s user CPU" "$@" -t "$work/c.data" -l "$STEPS" > "$work/out" 2> "$work/err" || true
  grep -E "^Cluster score improved|^Solution length" "$work/out" | sed "s/^/$label: /"
  tail -1 "$work/err"
}
run garnet "$JAVA_HOME/bin/java" -jar "$JAR" hbal
if [ -n "$GANETI_HBAL" ] && [ -x "$GANETI_HBAL" ]; then run ganeti "$GANETI_HBAL"; fi
