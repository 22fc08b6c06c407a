package org.garnet.consensus.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.OpCode;
import org.garnet.consensus.internal.RaftEngine;
import org.garnet.core.internal.jobs.JobQueueImpl;
import org.garnet.core.internal.locks.LockAttempts;
import org.garnet.core.internal.lu.TestDelayOp;
import org.garnet.core.internal.store.LogLink;
import org.garnet.core.internal.store.SqliteConfigStore;
import org.garnet.crypto.Certificates;
import org.garnet.crypto.Identity;
import org.garnet.crypto.Tls;

/**
 * The job queue with its journal on the master candidates' Raft log (issue 14): durable no-op jobs/s and
 * queued->running p50/p99 on the leader of a group of 1 and of 3 members (one JVM, loopback, mutual TLS, every
 * member with its own Raft log and SQLite files, each fsync'd), side by side with the queue on its own SQLite
 * file and no log (the single node before the log). A job counts once submitted (its id returned after its
 * entry was committed on a majority and applied) and finished (its final state committed the same way).
 * Usage: ReplicatedQueueBench [JOBS] [SUBMITTERS]
 */
public final class ReplicatedQueueBench {
    private ReplicatedQueueBench() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int submitters = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Path root = Files.createTempDirectory("garnet-queue-bench");
        System.out.printf("fsync rate of %s: %.0f fsync/s%n", root, fsyncRate(root, 1000));
        for (int size : new int[] {0, 1, 3}) {
            run(root.resolve("g" + size), size, jobs, submitters);
        }
    }

    private static void run(Path dir, int size, int jobs, int submitters) throws Exception {
        UUID cluster = UUID.randomUUID();
        Identity authority = Certificates.authority("cluster");
        List<RaftEngine.Member> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            members.add(new RaftEngine.Member("node" + i, "127.0.0.1", freePort(), i == 0 ? 1 : 0));
        }
        List<AutoCloseable> open = new ArrayList<>();
        JobQueueImpl leader = null;
        for (int i = 0; i < Math.max(1, size); i++) {
            Path d = dir.resolve("n" + i);
            SqliteConfigStore store = new SqliteConfigStore(d.resolve("config.db"));
            LogLink link = new LogLink();
            JobQueueImpl queue = new JobQueueImpl(d, store, new ConcurrentHashMap<>(), LockAttempts.ganeti(), link);
            queue.definitionAdded(new TestDelayOp(store));
            if (size > 0) {
                Identity id = Certificates.issue(authority, List.of("node" + i, "127.0.0.1"));
                RaftEngine e = new RaftEngine(cluster, members.get(i), members,
                        d.resolve("raft"), Tls.keyManager(id), Tls.trustManager(authority.certificate(), c -> true,
                        reason -> { }), Map.of("config", store, "queue", queue.replicatedState()));
                e.start();
                link.bind(e);
                store.link(e);
                open.add(e);
            }
            open.add(queue);
            open.add(store::close);
            if (i == 0) {
                leader = queue;
            }
        }
        if (size > 0) {
            RaftEngine first = (RaftEngine) open.get(0);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!first.leading() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        leader.start();
        OpCode noop = OpCode.of("OP_TEST_DELAY", Map.of("duration", 1e-9, "on_master", false));
        throughput(leader, noop, 1000, submitters);
        double rate = throughput(leader, noop, jobs, submitters);
        double[] lat = latency(leader, noop, 300);
        System.out.printf("%-36s %7.0f jobs/s (%d jobs, %d submitters); queued->running p50 %.2f ms, p99 %.2f ms%n",
                size == 0 ? "no log (the queue's own SQLite file):" : "Raft group of " + size + ":", rate, jobs,
                submitters, lat[0], lat[1]);
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static double throughput(JobQueueImpl queue, OpCode op, int jobs, int threads) throws Exception {
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        List<Long> ids = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < jobs / threads; i++) {
                    ids.add(queue.submit(List.of(op)));
                }
            });
            th.start();
            workers.add(th);
        }
        for (Thread th : workers) {
            th.join();
        }
        for (long id : ids) {
            awaitEnd(queue, id);
        }
        return ids.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static Job awaitEnd(JobQueueImpl queue, long id) {
        while (true) {
            Job j = queue.awaitChange(id, JobStatus.running, Long.MAX_VALUE, Duration.ofSeconds(30))
                    .map(c -> c.job()).orElseThrow();
            if (j.status().isFinalized()) {
                if (j.status() != JobStatus.success) {
                    throw new IllegalStateException("job " + id + " ended " + j.status());
                }
                return j;
            }
        }
    }

    /** queued->running of jobs submitted one at a time: p50 and p99 in ms. */
    private static double[] latency(JobQueueImpl queue, OpCode op, int n) {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            Job j = awaitEnd(queue, queue.submit(List.of(op)));
            var r = j.receivedTimestamp();
            var s = j.ops().get(0).execTimestamp();
            ms[i] = ((s.seconds() - r.seconds()) * 1e6 + (s.micros() - r.micros())) / 1000.0;
        }
        Arrays.sort(ms);
        return new double[] {ms[n / 2], ms[(int) (n * 0.99)]};
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
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
