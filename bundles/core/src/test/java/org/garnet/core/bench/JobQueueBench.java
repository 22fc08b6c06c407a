package org.garnet.core.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.lu.OpDefinition;
import org.garnet.core.internal.jobs.JobQueueImpl;
import org.garnet.core.internal.locks.LockAttempts;
import org.garnet.core.internal.lu.TestDelayOp;
import org.garnet.core.internal.store.SqliteConfigStore;

/**
 * Job queue benchmark (run by {@code bench/jobqueue.sh}; prints figures, asserts nothing): the disk's fsync rate,
 * durable no-op jobs per second submitted and completed through the core service (submitters on 4 threads,
 * OP_TEST_DELAY of 1 ns, no locks but the cluster lock), group commits per job, and queued→running latency
 * percentiles of single jobs on an idle queue.
 */
public final class JobQueueBench {
    private JobQueueBench() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        Path dir = Files.createTempDirectory("garnet-bench");
        System.out.printf("fsync rate of %s: %.0f fsync/s%n", dir, QueueFigures.fsyncRate(dir, 2000));
        SqliteConfigStore store = new SqliteConfigStore(dir.resolve("config.db"));
        Map<String, OpDefinition> defs = new ConcurrentHashMap<>();
        JobQueueImpl queue = new JobQueueImpl(dir, store, defs, LockAttempts.ganeti());
        queue.definitionAdded(new TestDelayOp(store));
        queue.start();
        OpCode noop = OpCode.of("OP_TEST_DELAY", Map.of("duration", 1e-9, "on_master", false));

        QueueFigures.throughput(queue, noop, jobs, 4); // warm-up as long as the run (the JIT)
        long commits0 = queue.commits();
        double rate = QueueFigures.throughput(queue, noop, jobs, 4);
        long commits = queue.commits() - commits0;
        System.out.printf("throughput: %d durable no-op jobs in total, %.0f jobs/s (submitted and completed), "
                + "%.2f group commits per job%n", jobs, rate, commits / (double) jobs);
        double[] ms = QueueFigures.latencies(queue, noop, 500);
        System.out.printf("queued->running on an idle queue (%d jobs): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                ms.length, ms[ms.length / 2], ms[(int) (ms.length * 0.99)], ms[ms.length - 1]);

        long t0 = System.nanoTime();
        long[] archived = queue.autoArchive(Duration.ZERO, Duration.ofMinutes(5));
        System.out.printf("archived %d jobs in %.2f s%n", archived[0], (System.nanoTime() - t0) / 1e9);
        double after = QueueFigures.throughput(queue, noop, 5000, 4);
        long l0 = System.nanoTime();
        int current = queue.list(List.of(), false).size();
        System.out.printf("with %d archived jobs: %.0f jobs/s; listing the %d current jobs takes %.1f ms%n",
                archived[0], after, current, (System.nanoTime() - l0) / 1e6);
        queue.close();
        store.close();
        QueueFigures.deleteTree(dir);
    }
}
