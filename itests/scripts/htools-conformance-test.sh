#!/usr/bin/env bash
# Ganeti 3.0's own htools shell tests (245 cases, run by ../shared/htools-conformance/run.sh) against
# "./garnet hbal|hspace|hail|…", invoked from another working directory. The suite lives beside the project
# (GARNET_HTOOLS_CONFORMANCE overrides where); without it the test says so and is skipped. It fails when fewer
# cases pass than the floor below: all 245.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
FLOOR=${GARNET_HTOOLS_FLOOR:-245}
suite="${GARNET_HTOOLS_CONFORMANCE:-}"
for d in "$suite" "$ROOT/../shared/htools-conformance" /work/shared/htools-conformance; do
  if [ -n "$d" ] && [ -x "$d/run.sh" ]; then suite="$d"; break; fi
  suite=""
done
if [ -z "$suite" ]; then
  echo "htools-conformance: skipped (Ganeti's htools shell tests not found beside the project; set GARNET_HTOOLS_CONFORMANCE)"
  exit 0
fi
out=$(cd /tmp && "$suite/run.sh" "$ROOT/garnet" 2>&1)
echo "$out" | grep -E '^htools-.*test:|^htools-conformance:'
passed=$(echo "$out" | sed -n 's/^htools-conformance: \([0-9]*\) passed.*/\1/p')
if [ -z "$passed" ] || [ "$passed" -lt "$FLOOR" ]; then
  echo "htools-conformance-test: FAIL ($passed passed, at least $FLOOR required)"; exit 1
fi
echo "htools-conformance-test: passed ($passed of 245; floor $FLOOR)"
