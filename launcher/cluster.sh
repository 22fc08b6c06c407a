# shellcheck shell=bash
# The launcher's multi-appliance mode, sourced by ./garnet:
#   ./garnet up --nodes N   N appliances, one per loopback address, made a cluster with Ganeti's own commands
#   ./garnet status | down  one line per appliance | stop them all
#   ./garnet gnt-…          runs on the current master;  ./garnet --node NAME gnt-…  on that appliance
# Layout: $GARNET_HOME/cluster/nodeK/appliance (own home and data root). Appliance K: name nodeK.garnet.test,
# primary address 127.0.0.(10+K) (SSH shell 8101, node daemon 1811, RAPI 5080 there), secondary 127.0.1.(10+K);
# the cluster's name cluster.garnet.test is 127.0.0.10. The names resolve through /etc/hosts: the launcher keeps
# them in lines marked "# garnet-up" (added on up, removed on down, idempotently). One directory,
# $GARNET_HOME/cluster/shared, is every node's shared file storage (this machine's stand-in for a NAS); the file
# storage directory is each appliance's own (etc/org.garnet.core.cfg file.storage.dir).

CLUSTER_DIR="$GARNET_HOME/cluster"
CLUSTER_NAME_MULTI="cluster.garnet.test"
HOSTS_MARK="# garnet-up"
CLUSTER_IP=127.0.0.10

cluster_mode() { [ -f "$CLUSTER_DIR/nodes" ]; }
cluster_size() { cat "$CLUSTER_DIR/nodes"; }
node_name() { echo "node$1.garnet.test"; }
node_ip() { echo "127.0.0.$((10 + $1))"; }
node_sip() { echo "127.0.1.$((10 + $1))"; }

# Points the single-appliance functions (ssh_cmd, running, install_appliance…) at appliance K.
node_env() {
  APPLIANCE="$CLUSTER_DIR/node$1/appliance"
  SSH_HOST="127.0.0.$((10 + $1))"
  SSH_PORT=8101
  RAPI_PORT=5080
  NODED_PORT=1811
}

hosts_add() {
  local n="$1" k tmp
  tmp="$(mktemp)"
  grep -v "$HOSTS_MARK\$" /etc/hosts > "$tmp" || true
  echo "$CLUSTER_IP $CLUSTER_NAME_MULTI $HOSTS_MARK" >> "$tmp"
  for k in $(seq 1 "$n"); do echo "$(node_ip "$k") $(node_name "$k") $HOSTS_MARK" >> "$tmp"; done
  cat "$tmp" > /etc/hosts
  rm -f "$tmp"
}

hosts_remove() {
  local tmp; tmp="$(mktemp)"
  grep -v "$HOSTS_MARK\$" /etc/hosts > "$tmp" || true
  cat "$tmp" > /etc/hosts
  rm -f "$tmp"
}

# Binds appliance K's servers to its own address and names its node.
configure_node() {
  local k="$1" etc="$APPLIANCE/etc"
  sed -i "s/^sshHost=.*/sshHost=$(node_ip "$k")/; s/^sshPort=.*/sshPort=8101/" "$etc/org.apache.karaf.shell.cfg"
  sed -i "s/^bind.address=.*/bind.address=$(node_ip "$k")/; s/^port=.*/port=5080/" "$etc/org.garnet.rapi.cfg"
  set_core node.name "$(node_name "$k")"
  set_core node.address "$(node_ip "$k")"
  set_core noded.port 1811
  # the cluster's file storage directory, kept by each appliance in its own data root
  set_core file.storage.dir "$APPLIANCE/var/lib/garnet/file-storage"
  # tests: entries between snapshots of the candidates' log (default 20,000), to see one caught up from a snapshot
  if [ -n "${GARNET_RAFT_SNAPSHOT_EVERY:-}" ]; then set_core raft.snapshot.every "$GARNET_RAFT_SNAPSHOT_EVERY"; fi
  if [ -n "${GARNET_RAFT_SEGMENT_KIB:-}" ]; then set_core raft.segment.kib "$GARNET_RAFT_SEGMENT_KIB"; fi
  # tests: seconds between the watcher's runs (default 300)
  if [ -n "${GARNET_WATCHER_INTERVAL:-}" ]; then set_core watcher.interval "$GARNET_WATCHER_INTERVAL"; fi
}

cluster_up() {
  local n="$1" k t0
  t0=$(date +%s%N)
  if needs_build; then build; fi
  mkdir -p "$CLUSTER_DIR/shared"
  echo "$n" > "$CLUSTER_DIR/nodes"
  hosts_add "$n"
  for k in $(seq 1 "$n"); do
    node_env "$k"
    if running; then continue; fi
    if [ ! -d "$APPLIANCE/bin" ] || [ "$(assembly_tar)" -nt "$APPLIANCE/.installed-from" ]; then install_appliance; fi
    configure_node "$k"
    authorize_key
    # several JVMs share the machine: a small heap that gives back what it frees (serial GC, tight free
    # ratios); two malloc arenas instead of one per core and thread burst, and the JVM hands glibc's freed
    # memory back to the system every 10 s (the JIT's arenas leave ~20 MB behind after start-up otherwise);
    # the client compiler only (C1): node2 RSS 261 -> 212 MB under bench/nodes.sh, node RPC p50 0.33 -> 0.13 ms
    # (C2's compilations cost more than they win on these short, I/O-bound calls)
    # the JVM's own output (a crash, an error before logging starts) goes to data/log/karaf.out
    mkdir -p "$APPLIANCE/data/log"
    MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" KARAF_REDIRECT="$APPLIANCE/data/log/karaf.out" \
      EXTRA_JAVA_OPTS="${EXTRA_JAVA_OPTS:--Xms64m -Xmx384m -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=25 -XX:TrimNativeHeapInterval=10000 -XX:TieredStopAtLevel=1}" \
      "$APPLIANCE/bin/start" >/dev/null
  done
  # the master is initialised as soon as it answers, each other node added as soon as it does
  node_env 1
  wait_ready || return 1
  if ! ssh_cmd 'gnt-cluster getmaster' >/dev/null 2>&1; then
    run_in_appliance "gnt-cluster init -s $(node_sip 1) --enabled-hypervisors=fake,kvm --enabled-disk-templates=file,sharedfile,diskless --master-netdev=lo --shared-file-storage-dir=$CLUSTER_DIR/shared $CLUSTER_NAME_MULTI"
  fi
  # a RAPI user on the first master; the master copies the file to every node (Ganeti's ancillary files)
  node_env 1
  rapi_user
  local key nodes
  key="$(cut -d' ' -f2 "$CLUSTER_DIR/node1/appliance/var/lib/garnet/ssh/cluster_rsa.pub")"
  # the master may be another appliance now (a failover): the cluster's commands go there
  cluster_master_env || return 1
  wait_ready || return 1
  nodes="$(run_in_appliance 'gnt-node list --no-headers -o name')" || return 1
  for k in $(seq 2 "$n"); do
    # the new appliance trusts the cluster's SSH key, as a Ganeti node lets the master's root key in
    local keys="$CLUSTER_DIR/node$k/appliance/etc/keys.properties"
    sed -i '/^garnet-cluster=/d' "$keys"
    echo "garnet-cluster=$key,_g_:admingroup" >> "$keys"
    if ! grep -qx "$(node_name "$k")" <<< "$nodes"; then
      node_env "$k"; wait_ready || return 1; cluster_master_env || return 1
      run_in_appliance "gnt-node add -s $(node_sip "$k") $(node_name "$k")" || return 1
    fi
  done
  for k in $(seq 2 "$n"); do node_env "$k"; wait_ready || return 1; done
  echo "garnet: $n appliances ready in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
  cluster_status
  cat <<EOF2
  Ganeti tools:   ./garnet gnt-node list     (on the master)   ./garnet --node $(node_name 2) gnt-cluster version
  RAPI:           https://$CLUSTER_IP:5080/2/info   (the cluster IP, on the master only; user and password: ./garnet credentials)
  Stop:           ./garnet down
EOF2
}

# The master's name as most running appliances' ssconf has it (an appliance restarted after a failover holds an
# old one until the master's push reaches it); from any appliance's when none runs. Builtins only: on every
# gnt command.
cluster_master() {
  local n k f m pid best="" any=""
  local -A votes=()
  read -r n < "$CLUSTER_DIR/nodes"
  for ((k = 1; k <= n; k++)); do
    f="$CLUSTER_DIR/node$k/appliance/var/lib/garnet/ssconf/ssconf_master_node"
    [ -s "$f" ] || continue
    read -r m < "$f"
    [ -n "$any" ] || any="$m"
    pid=""
    [ -r "$CLUSTER_DIR/node$k/appliance/karaf.pid" ] && read -r pid < "$CLUSTER_DIR/node$k/appliance/karaf.pid"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || continue
    votes[$m]=$(( ${votes[$m]:-0} + 1 ))
    if [ -z "$best" ] || [ "${votes[$m]}" -gt "${votes[$best]}" ]; then best="$m"; fi
  done
  m="${best:-$any}"
  [ -n "$m" ] && echo "$m"
}

node_index() {
  local k
  for k in $(seq 1 "$(cluster_size)"); do [ "$(node_name "$k")" = "$1" ] && { echo "$k"; return 0; }; done
  return 1
}

# Points node_env at the master; on every gnt command, so builtins only.
cluster_master_env() {
  local m
  m="$(cluster_master)" || { echo "garnet: no master known (start the cluster with ./garnet up --nodes N)" >&2; return 1; }
  local n k
  read -r n < "$CLUSTER_DIR/nodes"
  for ((k = 1; k <= n; k++)); do [ "node$k.garnet.test" = "$m" ] && { node_env "$k"; return 0; }; done
  echo "garnet: the master $m is not one of this launcher's appliances" >&2
  return 1
}

cluster_node_env() {
  local k
  cluster_mode || { echo "garnet: --node needs a cluster started with ./garnet up --nodes N" >&2; return 1; }
  k="$(node_index "$1")" || { echo "garnet: unknown node '$1'" >&2; return 1; }
  node_env "$k"
}

cluster_status() {
  local k master role pid f ss
  master="$(cluster_master || true)"
  for k in $(seq 1 "$(cluster_size)"); do
    node_env "$k"
    ss="$APPLIANCE/var/lib/garnet/ssconf"
    role=regular
    if [ "$(node_name "$k")" = "$master" ]; then role=master
    elif grep -qx "$(node_name "$k")" "$ss/ssconf_offline_nodes" 2>/dev/null; then role=offline
    elif grep -qx "$(node_name "$k")" "$ss/ssconf_master_candidates" 2>/dev/null; then role=candidate
    elif [ ! -s "$ss/ssconf_master_node" ]; then role=not-joined
    fi
    f="$APPLIANCE/karaf.pid"
    if running; then pid="pid $(cat "$f")"; else pid="stopped"; fi
    printf '%s %s %s %s\n' "$(node_name "$k")" "$(node_ip "$k")" "$role" "$pid"
  done
}

cluster_down() {
  local k
  for k in $(seq 1 "$(cluster_size)"); do
    node_env "$k"
    running && "$APPLIANCE/bin/stop" >/dev/null 2>&1 &
  done
  wait
  for k in $(seq 1 "$(cluster_size)"); do
    node_env "$k"
    local i
    for i in $(seq 1 60); do running || break; sleep 0.5; done
    if running; then kill -9 "$(cat "$APPLIANCE/karaf.pid")" 2>/dev/null || true; fi
    guests_note
  done
  hosts_remove
  # the cluster IP the master turned on at gnt-cluster init (its master IP setup script put it on lo)
  if ip -o addr show dev lo 2>/dev/null | grep -q " $CLUSTER_IP/32 "; then ip addr del "$CLUSTER_IP/32" dev lo || true; fi
  rm -f "$CLUSTER_DIR/nodes"
  echo "garnet: stopped"
}
