# Shared by the qcow2 provider's scripts (Ganeti's ExtStorage interface): each volume is a thin qcow2 file
# $pool/$VOL_NAME.qcow2, served by qemu-nbd on a UNIX socket while attached; a guest reaches it in userspace
# (access=userspace: qemu's nbd: URI), no kernel block device.
set -eu
fail() { echo "qcow2: $*" >&2; exit 1; }
pool=${EXTP_POOL:-/var/lib/garnet-extstorage/qcow2}
case "$pool" in /*) ;; *) fail "parameter pool must be an absolute directory, not '$pool'" ;; esac
[ -n "${VOL_NAME:-}" ] || fail "VOL_NAME is not set"
case "$VOL_NAME" in */*|.*) fail "bad volume name '$VOL_NAME'" ;; esac
file="$pool/$VOL_NAME.qcow2"
run=${EXTP_RUN_DIR:-/run/garnet-extstorage-qcow2}
sock="$run/$VOL_NAME.sock"
pidf="$run/$VOL_NAME.pid"
# whether the volume's qemu-nbd runs
serving() { [ -S "$sock" ] && [ -f "$pidf" ] && kill -0 "$(cat "$pidf")" 2>/dev/null; }
stop_serving() {
  if [ -f "$pidf" ]; then
    pid=$(cat "$pidf")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$sock" "$pidf"
}
