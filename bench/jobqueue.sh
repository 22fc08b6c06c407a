#!/usr/bin/env bash
# Job queue benchmark: fsync rate of this disk, durable no-op jobs/s through the core service, group commits
# per job, queued->running latency. Usage: bench/jobqueue.sh [JOBS]   (default 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests -pl bundles/api,bundles/core >/dev/null
(cd bundles/core && mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
  -Dmdep.includeScope=test >/dev/null)
cp="bundles/core/target/classes:bundles/core/target/test-classes:$(cat bundles/core/target/bench.cp)"
exec java -cp "$cp" org.garnet.core.bench.JobQueueBench "${1:-20000}"
