# Helpers the appliance test scripts share (sourced, not run). Each script sets G (the launcher), GARNET_HOME and
# fails=0 first.

# check NAME EXPECTED-RC ACTUAL-RC OUTPUT REGEX: one "ok" or "FAIL" line (with the output); counts failures
check() {
  local name=$1 want=$2 got=$3 out=$4 re=$5
  if [ "$got" -eq "$want" ] && grep -Eq -- "$re" <<<"$out"; then echo "ok   - $name"
  else echo "FAIL - $name (exit $got, wanted $want; output:)"; sed 's/^/       /' <<<"$out"; fails=$((fails + 1)); fi
}

# kill_node K: kill -9 of node K's appliance, returning once the process is gone (a signal is delivered
# asynchronously: a `./garnet up` right after could still see the dying JVM as running and not start it)
kill_node() {
  local pid; pid=$(cat "$GARNET_HOME/cluster/node$1/appliance/karaf.pid")
  kill -9 "$pid"
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" = Z ] && return 0
    sleep 0.1
  done
}

# stops every appliance of a --nodes cluster in $GARNET_HOME and whatever else still runs from it (a killed test
# leaves nothing behind), then removes the home; KEEP_LOGS=DIR keeps each appliance's karaf.log there first
stop_cluster() {
  if [ -n "${KEEP_LOGS:-}" ]; then
    for d in "$GARNET_HOME"/cluster/node*/appliance/data/log; do
      n=${d%/appliance/data/log}; mkdir -p "$KEEP_LOGS/${n##*/}"; cp "$d"/karaf.* "$KEEP_LOGS/${n##*/}/" 2>/dev/null
    done
  fi
  "$G" down >/dev/null 2>&1
  pkill -9 -f "$GARNET_HOME/cluster/node" 2>/dev/null
  rm -rf "$GARNET_HOME"
}

# waits (bounded, 2 min) until no job is pending or running
await_jobs_final() {
  local left
  for _ in $(seq 1 240); do
    left=$("$G" gnt-job list --pending --running --no-headers -o id 2>/dev/null | wc -l)
    [ "$left" -eq 0 ] && return 0
    sleep 0.5
  done
  return 1
}

# acked_figures "IDS": sets missing and unfinished (how many of the acknowledged job ids the queue lacks, and how
# many are not final) and listing (the queue's "id status" lines)
acked_figures() {
  local id st
  listing=$("$G" gnt-job list --no-headers --separator=' ' -o id,status)
  missing=0; unfinished=0
  declare -A status
  while read -r id st; do status[$id]=$st; done <<<"$listing"
  for id in $1; do
    st=${status[$id]:-}
    [ -z "$st" ] && missing=$((missing + 1))
    case "$st" in success|error|canceled|"") ;; *) unfinished=$((unfinished + 1));; esac
  done
}
