#!/usr/bin/env bash
# htools side by side: Garnet's Java htools (./garnet TOOL, a new JVM each run, start included) and Debian's
# Ganeti 3.0.2 htools (ganeti-htools-3.0) on the same input; prints both wall times, the ratio and whether the
# outputs are identical. Ganeti's slow cases are skipped above GANETI_MAX_N nodes (default 100) and reported
# as "skipped". Usage: bench/htools.sh [N...]   (default: 10 30 50 100 1000)
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
G="$ROOT/garnet"
GANETI=/usr/lib/ganeti/3.0/usr/bin
GANETI_MAX_N=${GANETI_MAX_N:-100}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10 30 50 100 1000)
work=$(mktemp -d /tmp/htools-bench.XXXXXX); trap 'rm -rf "$work"' EXIT
"$G" hspace --version >/dev/null 2>&1   # builds the jar if needed, outside the timings
secs() { local t0 t1; t0=$(date +%s%N); "$@" > "$work/out" 2>&1; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
printf '%-58s %10s %10s %8s %s\n' "case" "garnet ms" "ganeti ms" "ratio" "same output"
run_case() {  # NAME N TOOL ARGS...
  local name=$1 n=$2; shift 2
  local tg tn same ratio
  tg=$(secs "$G" "$@"); cp "$work/out" "$work/garnet.out"
  if [ "$n" -le "$GANETI_MAX_N" ] && [ -x "$GANETI/$1" ]; then
    tn=$(secs "$GANETI/$@"); cp "$work/out" "$work/ganeti.out"
    if cmp -s "$work/garnet.out" "$work/ganeti.out"; then same=yes; else same=NO; fi
    ratio=$(awk -v a="$tn" -v b="$tg" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "-" }')
  else
    tn=skipped; same=-; ratio=-
  fi
  printf '%-58s %10s %10s %8s %s\n' "$name" "$tg" "$tn" "$ratio" "$same"
}
for n in "${sizes[@]}"; do
  run_case "hspace drbd N=$n tiered" "$n" hspace "--simulate=p,$n,34052480,65523,24" --disk-template=drbd \
    --tiered-alloc=1048576,1024,8
  run_case "hspace plain N=$n tiered" "$n" hspace "--simulate=p,$n,34052480,65523,24" --disk-template=plain \
    --tiered-alloc=1048576,1024,8
done

# The warm path: the same htools inside a running appliance (typed in its shell, here over SSH), no JVM start.
if [ "${WARM:-1}" = 1 ]; then
  export GARNET_HOME="$work/appliance" GARNET_SSH_PORT="${GARNET_BENCH_SSH_PORT:-8127}" \
    GARNET_RAPI_PORT="${GARNET_BENCH_RAPI_PORT:-5087}"
  trap '"$G" down >/dev/null 2>&1; rm -rf "$work"' EXIT
  "$G" up >/dev/null 2>&1 || { echo "warm path: the appliance did not start"; exit 1; }
  ssh_in() { ssh -p "$GARNET_SSH_PORT" -i "$GARNET_HOME/ssh/id_rsa" -o StrictHostKeyChecking=no \
      -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=QUIET garnet@127.0.0.1 "$@"; }
  for n in 10 100; do
    for round in 1 2 3; do
      t=$(secs ssh_in "hspace --simulate=p,$n,34052480,65523,24 --disk-template=drbd --tiered-alloc=1048576,1024,8")
      printf '%-58s %10s\n' "warm (in the appliance) hspace drbd N=$n run $round" "$t"
    done
  done
fi
