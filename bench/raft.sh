#!/usr/bin/env bash
# The Raft engine's ceiling (issue 14): small entries appended on the leader of a group of 1 and of 3 members
# (one JVM, loopback, mutual TLS, Raft logs fsync'd under $TMPDIR), entries/s and append p50/p99.
# Usage: bench/raft.sh [ENTRIES] [IN_FLIGHT]   (default 20000 256)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests -pl bundles/api,bundles/crypto,bundles/consensus >/dev/null
(cd bundles/consensus && mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
  -Dmdep.includeScope=test >/dev/null)
cp="bundles/consensus/target/classes:bundles/consensus/target/test-classes:$(cat bundles/consensus/target/bench.cp)"
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" org.garnet.consensus.bench.RaftAppendBench "$@"
