#!/usr/bin/env bash
# Job queue benchmark: fsync rate of this disk, durable no-op jobs/s through the core service, group commits
# per job, queued->running latency. Usage: bench/jobqueue.sh [JOBS]   (default 20000)
#   bench/jobqueue.sh --nodes 3 [JOBS] [SUBMITTERS]: the queue with its journal on the master candidates' Raft
#   log, groups of 1 and 3 members (one JVM, loopback, mutual TLS), beside the queue on its own SQLite file;
#   then the automatic failover time of three appliances (bench/failover.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--nodes" ]; then
  shift 2
  mvn -B -q install -DskipTests -pl bundles/api,bundles/crypto,bundles/core,bundles/consensus >/dev/null
  (cd bundles/consensus && mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
    -Dmdep.includeScope=test >/dev/null)
  cp="bundles/consensus/target/classes:bundles/consensus/target/test-classes:$(cat bundles/consensus/target/bench.cp)"
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" \
    org.garnet.consensus.bench.ReplicatedQueueBench "${1:-10000}" "${2:-32}"
  exec bench/failover.sh 3
fi
mvn -B -q install -DskipTests -pl bundles/api,bundles/core >/dev/null
(cd bundles/core && mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
  -Dmdep.includeScope=test >/dev/null)
cp="bundles/core/target/classes:bundles/core/target/test-classes:$(cat bundles/core/target/bench.cp)"
exec java -cp "$cp" org.garnet.core.bench.JobQueueBench "${1:-20000}"
