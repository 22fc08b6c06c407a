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
        System.out.printf("fsync rate of %s: %.0f fsync/s%n", dir, fsyncRate(dir, 2000));
        SqliteConfigStore store = new SqliteConfigStore(dir.resolve("config.db"));
        Map<String, OpDefinition> defs = new ConcurrentHashMap<>();
        JobQueueImpl queue = new JobQueueImpl(dir, store, defs, LockAttempts.ganeti());
        queue.definitionAdded(new TestDelayOp(store));
        queue.start();
        OpCode noop = OpCode.of("OP_TEST_DELAY", Map.of("duration", 1e-9, "on_master", false));

        throughput(queue, noop, 2000);
        long commits0 = queue.commits();
        double rate = throughput(queue, noop, jobs);
        long commits = queue.commits() - commits0;
        System.out.printf("throughput: %d durable no-op jobs in total, %.0f jobs/s (submitted and completed), "
                + "%.2f group commits per job%n", jobs, rate, commits / (double) jobs);
        latency(queue, noop, 500);

        long t0 = System.nanoTime();
        long[] archived = queue.autoArchive(Duration.ZERO, Duration.ofMinutes(5));
        System.out.printf("archived %d jobs in %.2f s%n", archived[0], (System.nanoTime() - t0) / 1e9);
        double after = throughput(queue, noop, 5000);
        long l0 = System.nanoTime();
        int current = queue.list(List.of(), false).size();
        System.out.printf("with %d archived jobs: %.0f jobs/s; listing the %d current jobs takes %.1f ms%n",
                archived[0], after, current, (System.nanoTime() - l0) / 1e6);
        queue.close();
        store.close();
    }

    private static double throughput(JobQueueImpl queue, OpCode op, int jobs) throws Exception {
        int threads = 4;
        long start = System.nanoTime();
        List<Thread> submitters = new ArrayList<>();
        List<Long> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < jobs / threads; i++) {
                    ids.add(queue.submit(List.of(op)));
                }
            });
            th.start();
            submitters.add(th);
        }
        for (Thread th : submitters) {
            th.join();
        }
        for (long id : ids) {
            while (true) {
                Job j = queue.awaitChange(id, JobStatus.running, Long.MAX_VALUE, Duration.ofSeconds(30))
                        .map(c -> c.job()).orElseThrow();
                if (j.status().isFinalized()) {
                    if (j.status() != JobStatus.success) {
                        throw new IllegalStateException("job " + id + " ended " + j.status());
                    }
                    break;
                }
            }
        }
        return ids.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static void latency(JobQueueImpl queue, OpCode op, int n) {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long id = queue.submit(List.of(op));
            Job j;
            do {
                j = queue.awaitChange(id, JobStatus.running, Long.MAX_VALUE, Duration.ofSeconds(30))
                        .map(c -> c.job()).orElseThrow();
            } while (!j.status().isFinalized());
            var r = j.receivedTimestamp();
            var s = j.ops().get(0).execTimestamp();
            ms[i] = ((s.seconds() - r.seconds()) * 1e6 + (s.micros() - r.micros())) / 1000.0;
        }
        Arrays.sort(ms);
        System.out.printf("queued->running on an idle queue (%d jobs): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                n, ms[n / 2], ms[(int) (n * 0.99)], ms[n - 1]);
    }

    private static double fsyncRate(Path dir, int n) throws IOException {
        Path f = dir.resolve("fsync.test");
        byte[] block = new byte[4096];
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                raf.seek((long) (i % 64) * 4096);
                raf.write(block);
                raf.getFD().sync();
            }
            return n / ((System.nanoTime() - start) / 1e9);
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
