#!/usr/bin/env bash
# Crash test of the job queue: start the appliance, submit 1,000 jobs in one submission, kill -9 the Java
# process while they run, start it again, and check that every acknowledged job id is present and ends in a final
# state (jobs that were running end in error saying the master stopped). Own GARNET_HOME and SSH port.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export GARNET_HOME="$(mktemp -d /tmp/garnet-crash.XXXXXX)"
export GARNET_SSH_PORT="${GARNET_CRASH_SSH_PORT:-8122}"
export GARNET_RAPI_PORT="${GARNET_IT_RAPI_PORT:-5082}"
export GARNET_NODED_PORT="${GARNET_IT_NODED_PORT:-1822}"
G="$ROOT/garnet"
. "$ROOT/itests/scripts/lib.sh"
trap '"$G" down >/dev/null 2>&1; rm -rf "$GARNET_HOME"' EXIT
fail() { echo "FAIL - $*"; exit 1; }

"$G" up >/dev/null 2>&1 || fail "garnet up"
ops="$GARNET_HOME/ops.json"
echo '[{"OP_ID": "OP_TEST_DELAY", "duration": 0.3, "no_locks": true}]' > "$ops"
acked=$("$G" gnt-debug submit-job --submit --job-repeat 1000 "$ops" | sed -n 's/^JobID: //p')
n=$(wc -l <<<"$acked")
[ "$n" -eq 1000 ] || fail "expected 1000 acknowledged job ids, got $n"
# bounded: until jobs run and some already ended (so that jobs are running with that state in the log, not
# only starting: a job killed before its start was logged is simply run again, and would say nothing)
for _ in $(seq 1 100); do
  st=$("$G" gnt-job list --no-headers -o status 2>/dev/null)
  grep -q running <<<"$st" && grep -q success <<<"$st" && break
  sleep 0.1
done
pid=$(cat "$GARNET_HOME/appliance/karaf.pid")
kill -9 "$pid"
for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
"$G" up >/dev/null 2>&1 || fail "garnet up after kill -9"
await_jobs_final
acked_figures "$acked"
stopped=$("$G" gnt-job list --error --no-headers -o id | head -1 | tr -d " ")
msg=""
[ -n "$stopped" ] && msg=$("$G" gnt-job list --no-headers -o opresult "$stopped")
echo "figures: acknowledged 1000; missing $missing; unfinished $unfinished;" \
  "success $(grep -c ' success$' <<<"$listing"); error $(grep -c ' error$' <<<"$listing")"
[ "$missing" -eq 0 ] || fail "$missing acknowledged jobs are missing after kill -9"
[ "$unfinished" -eq 0 ] || fail "$unfinished jobs did not reach a final state"
grep -q "master stopped" <<<"$msg" || fail "a job running at the kill should say the master stopped (got: $msg)"
echo "job-crash-test: passed"
