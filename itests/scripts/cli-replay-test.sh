#!/usr/bin/env bash
# Replays the gnt-* steps recorded on a live Ganeti 3.0.2 (itests/testdata/ganeti-3.0.2/cli-live/) on a fresh
# appliance set up like the recorded cluster (fake hypervisor, file/sharedfile/diskless, nic link br-gnt, a no-op
# OS called noop as Debian's ganeti-os-noop), comparing stdout, stderr and exit status of every step after
# normalising names, UUIDs, MACs, times, job ids and this machine's sizes (cli-replay.py). Steps that may still
# differ are listed there with the reason; any other difference fails the test. Own home and ports.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export GARNET_HOME="$(mktemp -d /tmp/garnet-cli.XXXXXX)"
export GARNET_SSH_PORT="${GARNET_CLI_SSH_PORT:-8126}"
export GARNET_RAPI_PORT="${GARNET_CLI_RAPI_PORT:-5086}"
export GARNET_NODED_PORT="${GARNET_CLI_NODED_PORT:-1826}"
G="$ROOT/garnet"
# The recorded cluster's names resolve while the test runs (marked /etc/hosts lines, removed at the end), and
# the appliance is told its node name, so outputs compare without renaming.
HOSTS_MARK="# garnet-cli-replay-test"
hosts_clean() { sed -i "/$HOSTS_MARK\$/d" /etc/hosts 2>/dev/null; }
hosts_clean
for h in 1:node1 10:cluster 23:inst3 25:inst5; do
  printf '127.0.3.%s %s.example.com %s\n' "${h%%:*}" "${h#*:}" "$HOSTS_MARK" >> /etc/hosts
done
trap '"$G" down >/dev/null 2>&1; rm -rf "$GARNET_HOME"; hosts_clean' EXIT
"$G" up >/dev/null 2>&1 || { echo "FAIL - garnet up"; exit 1; }
"$G" down >/dev/null 2>&1
cfg="$GARNET_HOME/appliance/etc/org.garnet.core.cfg"
sed -i '/^node\.name/d; /^node\.address/d' "$cfg"
printf 'node.name = node1.example.com\nnode.address = 127.0.3.1\n' >> "$cfg"
"$G" up >/dev/null 2>&1 || { echo "FAIL - garnet up as node1.example.com"; exit 1; }
# the configuration change reaches the running core asynchronously: initialise until the node has its new name
for i in $(seq 1 30); do
  "$G" gnt-cluster destroy --yes-do-it >/dev/null 2>&1
  "$G" gnt-cluster init --enabled-hypervisors=fake --enabled-disk-templates=file,sharedfile,diskless \
    --master-netdev=lo --master-netmask=24 -N link=br-gnt cluster.example.com >/dev/null 2>&1
  [ "$("$G" gnt-cluster getmaster 2>/dev/null)" = node1.example.com ] && break
  sleep 1
done
[ "$("$G" gnt-cluster getmaster 2>/dev/null)" = node1.example.com ] || { echo "FAIL - gnt-cluster init as node1"; exit 1; }
os_dir=$("$G" gnt-cluster info | sed -n 's/^ *OS search path: \([^,]*\).*/\1/p')
mkdir -p "$os_dir/noop"
for s in create import export rename verify; do printf '#!/bin/sh\nexit 0\n' > "$os_dir/noop/$s"; done
chmod +x "$os_dir/noop/"*
printf '5\n10\n' > "$os_dir/noop/ganeti_api_version"
node=$("$G" gnt-cluster getmaster)
file_dir=$("$G" gnt-cluster info | sed -n 's/^ *file storage path: //p')
out=$(/usr/bin/python3 "$ROOT/itests/scripts/cli-replay.py" "$G" "$ROOT/itests/testdata/ganeti-3.0.2/cli-live" \
      "$node" cluster.example.com "$file_dir" 2>&1)
echo "$out"
if grep -q "differ unexpectedly: *$" <<<"$out" && grep -q "^cli-replay: " <<<"$out"; then
  echo "cli-replay-test: all passed"
else
  echo "cli-replay-test: failed"; exit 1
fi
