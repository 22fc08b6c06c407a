# Shared by the image OS scripts (Ganeti OS API 20): checks the environment the node gives a script.
set -eu
fail() { echo "$*" >&2; exit 1; }
check_image() {
  [ -n "${OSP_IMAGE_FILE:-}" ] || fail "OS parameter image_file is not set (give -O image_file=PATH)"
  [ -f "$OSP_IMAGE_FILE" ] && [ -r "$OSP_IMAGE_FILE" ] || fail "image file '$OSP_IMAGE_FILE' is not a readable file"
}
