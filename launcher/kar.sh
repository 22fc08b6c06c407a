# shellcheck shell=bash
# ./garnet kar [--version V] [--out DIR] [--overlay SRC]: a release of this tree as a Karaf archive, DIR/garnet-V.kar (default DIR:
# the current directory) — the feature repository garnet-V and every bundle its features list. V defaults to the
# tree's own version; another V builds a copy of the tree (target/ and .git left out) with that version in every
# pom, so anyone can make the next version of the same code. Dropped into the master's deploy/, it makes V
# available beside the running version (Karaf-Feature-Start: false installs nothing). --overlay SRC copies the files
# under SRC over the copy first (new files, such as a configuration schema step of the next release: the tests'
# next release carries one this way).

cmd_kar() {
  local version="" out="$PWD" own work kar overlay=
  while [ $# -gt 0 ]; do
    case "$1" in
      --version) [ $# -ge 2 ] || kar_usage; version="$2"; shift 2 ;;
      --version=*) version="${1#*=}"; shift ;;
      --out) [ $# -ge 2 ] || kar_usage; out="$2"; shift 2 ;;
      --out=*) out="${1#*=}"; shift ;;
      --overlay) [ $# -ge 2 ] || kar_usage; overlay="$2"; shift 2 ;;
      --overlay=*) overlay="${1#*=}"; shift ;;
      *) kar_usage ;;
    esac
  done
  own=$(kar_tree_version "$ROOT")
  version="${version:-$own}"
  [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([.-][A-Za-z0-9_]+)?$ ]] \
    || { echo "garnet kar: '$version' is not a version (MAJOR.MINOR.MICRO[-QUALIFIER])" >&2; exit 2; }
  [ -z "$overlay" ] || [ -d "$overlay" ] || { echo "garnet kar: no directory $overlay" >&2; exit 2; }
  mkdir -p "$out" || exit 1
  out="$(cd "$out" && pwd)"
  work="$(mktemp -d /tmp/garnet-kar.XXXXXX)"
  # shellcheck disable=SC2064
  trap "rm -rf '$work'" EXIT
  tar -C "$ROOT" --exclude=./.git --exclude=./.garnet --exclude=target -cf - . | tar -C "$work" -xf -
  [ -z "$overlay" ] || cp -r "$overlay/." "$work/" || exit 1
  if [ "$version" != "$own" ]; then
    find "$work" -name pom.xml -exec sed -i "s|<version>$own</version>|<version>$version</version>|" {} +
  fi
  echo "garnet kar: building version $version…" >&2
  (cd "$work" && { mvn -B -q -o install -DskipTests -Pkar -pl features -am >"$work/build.log" 2>&1 \
      || mvn -B -q install -DskipTests -Pkar -pl features -am >"$work/build.log" 2>&1; }) \
    || { tail -40 "$work/build.log" >&2; echo "garnet kar: the build failed" >&2; exit 1; }
  kar="$work/features/target/garnet-$version.kar"
  [ -f "$kar" ] || { echo "garnet kar: no $kar after the build" >&2; exit 1; }
  cp "$kar" "$out/garnet-$version.kar.tmp" && mv "$out/garnet-$version.kar.tmp" "$out/garnet-$version.kar"
  echo "$out/garnet-$version.kar"
}

kar_usage() {
  echo "Usage: garnet kar [--version V] [--out DIR] [--overlay SRC]" >&2
  exit 2
}

# The version of the tree at $1: its parent pom's own <version> (the line after its artifactId).
kar_tree_version() {
  sed -n '/<artifactId>garnet-parent<\/artifactId>/{n;s|.*<version>\(.*\)</version>.*|\1|p;q}' "$1/pom.xml"
}
