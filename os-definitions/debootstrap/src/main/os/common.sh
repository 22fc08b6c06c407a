# Shared by the debootstrap OS scripts (Ganeti OS API 20).
set -eu
fail() { echo "$*" >&2; exit 1; }
SUITE="${OSP_SUITE:-bookworm}"
MIRROR="${OSP_MIRROR:-http://deb.debian.org/debian}"
CACHE_DIR="${OSP_CACHE_DIR:-/var/cache/garnet-os-debootstrap}"
ARCH="$(dpkg --print-architecture 2>/dev/null || echo amd64)"
VARIANT="minbase"
check_params() {
  case "$SUITE" in *[!a-z0-9-]*|"") fail "invalid suite '$SUITE'";; esac
  case "$MIRROR" in http://*|https://*|file:/*) ;; *) fail "invalid mirror '$MIRROR'";; esac

}
