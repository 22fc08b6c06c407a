# Shared by the loop provider's scripts (Ganeti's ExtStorage interface): each volume is a sparse file
# $pool/$VOL_NAME, attached as a loop block device (losetup).
set -eu
fail() { echo "loop: $*" >&2; exit 1; }
pool=${EXTP_POOL:-/var/lib/garnet-extstorage/loop}
case "$pool" in /*) ;; *) fail "parameter pool must be an absolute directory, not '$pool'" ;; esac
[ -n "${VOL_NAME:-}" ] || fail "VOL_NAME is not set"
case "$VOL_NAME" in */*|.*) fail "bad volume name '$VOL_NAME'" ;; esac
file="$pool/$VOL_NAME"
# the loop devices attached to the volume's file
loops() { losetup -n -O NAME -j "$file" 2>/dev/null || true; }
