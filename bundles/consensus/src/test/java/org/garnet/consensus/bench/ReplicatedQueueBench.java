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
import org.garnet.core.bench.QueueFigures;
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
 * Usage: ReplicatedQueueBench [JOBS] [SUBMITTERS] [GROUP SIZES, default 0,1,3 (0: no log)]
 */
public final class ReplicatedQueueBench {
    private ReplicatedQueueBench() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int submitters = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Path root = Files.createTempDirectory("garnet-queue-bench");
        System.out.printf("fsync rate of %s: %.0f fsync/s%n", root, QueueFigures.fsyncRate(root, 1000));
        String sizes = args.length > 2 ? args[2] : "0,1,3";
        for (int size : Arrays.stream(sizes.split(",")).mapToInt(Integer::parseInt).toArray()) {
            run(root.resolve("g" + size), size, jobs, submitters);
        }
        QueueFigures.deleteTree(root);
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
                        reason -> { }), Map.of("config", store, "queue", queue.replicatedState()),
                        ReplicatedQueueBench::tune);
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
        // warm-up as long as the run: the JIT compiles the Ratis, gRPC, SQLite and Jackson paths meanwhile
        QueueFigures.throughput(leader, noop, jobs, submitters);
        long commits0 = leader.commits();
        double rate = QueueFigures.throughput(leader, noop, jobs, submitters);
        double perJob = (leader.commits() - commits0) / (double) jobs;
        double[] lat = QueueFigures.latencies(leader, noop, 300);
        System.out.printf("%-36s %7.0f jobs/s (%d jobs, %d submitters); queued->running p50 %.2f ms, p99 %.2f ms; %.2f writes per job%n",
                size == 0 ? "no log (the queue's own SQLite file):" : "Raft group of " + size + ":", rate, jobs,
                submitters, lat[lat.length / 2], lat[(int) (lat.length * 0.99)], perJob);
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** Ratis settings to try, from {@code -Draft.properties=key=value,key=value}. */
    private static void tune(org.apache.ratis.conf.RaftProperties p) {
        String given = System.getProperty("raft.properties", "");
        for (String kv : given.split(",")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                p.set(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
