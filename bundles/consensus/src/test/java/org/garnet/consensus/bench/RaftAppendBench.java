package org.garnet.consensus.bench;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.garnet.api.consensus.ReplicatedState;
import org.garnet.consensus.internal.RaftEngine;
import org.garnet.crypto.Certificates;
import org.garnet.crypto.Identity;
import org.garnet.crypto.Tls;

/**
 * The Raft engine's ceiling on this machine: N small entries (about a no-op job's size) appended on the leader
 * with up to W in flight, each acknowledged after a majority holds it durably and the leader applied it; for a
 * group of 1 and of 3 members (in one JVM, loopback, mutual TLS, logs on the data disk). Prints entries/s and
 * the append latency p50/p99. Usage: RaftAppendBench [ENTRIES] [IN_FLIGHT] [BYTES, 400] [GROUP SIZES, 1,3]
 */
public final class RaftAppendBench {
    private RaftAppendBench() {
    }

    /** A state that only counts. */
    static final class Counting implements ReplicatedState {
        volatile long index;

        @Override
        public byte[] apply(long index, byte[] entry) {
            this.index = index;
            return new byte[0];
        }

        @Override
        public long appliedIndex() {
            return index;
        }

        @Override
        public void leave() {
            index = 0;
        }

        @Override
        public void forgetIndex() {
            index = 0;
        }

        @Override
        public long snapshotTo(Path file) {
            try {
                Files.write(file, new byte[0]); // the log is snapshotted every 10,000 entries; nothing to hold
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return index;
        }

        @Override
        public void restoreFrom(Path file) {
            throw new UnsupportedOperationException();
        }
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int bytes = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        String sizes = args.length > 3 ? args[3] : "1,3";
        for (int size : Arrays.stream(sizes.split(",")).mapToInt(Integer::parseInt).toArray()) {
            run(size, entries, inFlight, bytes);
        }
    }

    private static void run(int size, int entries, int inFlight, int bytes) throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "raft-bench");
        Identity ca = Certificates.authority("bench");
        List<RaftEngine.Member> members = new ArrayList<>();
        List<Identity> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                members.add(new RaftEngine.Member("n" + i, "127.0.0.1", s.getLocalPort()));
            }
            ids.add(Certificates.issue(ca, List.of("n" + i, "127.0.0.1")));
        }
        UUID cluster = UUID.randomUUID();
        List<RaftEngine> engines = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                RaftEngine e = new RaftEngine(cluster, members.get(i), members, dir.resolve("n" + i),
                        Tls.keyManager(ids.get(i)), Tls.trustManager(ca.certificate(), c -> true, r -> { }),
                        Map.of("bench", new Counting()));
                e.start();
                engines.add(e);
            }
            RaftEngine leader = null;
            for (int t = 0; t < 600 && leader == null; t++) {
                for (RaftEngine e : engines) {
                    if (e.leading()) {
                        leader = e;
                    }
                }
                if (leader == null) {
                    Thread.sleep(50); // waiting for the first election, bounded to 30 s
                }
            }
            if (leader == null) {
                throw new IllegalStateException("no leader elected");
            }
            byte[] entry = new byte[bytes]; // 400: about one no-op job's JSON
            for (int i = 0; i < 2_000; i++) { // warm-up
                leader.append("bench", entry).join();
            }
            long[] latencies = new long[entries];
            Semaphore window = new Semaphore(inFlight);
            List<CompletableFuture<byte[]>> all = new ArrayList<>(entries);
            long start = System.nanoTime();
            for (int i = 0; i < entries; i++) {
                window.acquire();
                long t0 = System.nanoTime();
                int k = i;
                all.add(leader.append("bench", entry).whenComplete((r, e) -> {
                    latencies[k] = System.nanoTime() - t0;
                    window.release();
                }));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            System.out.printf("raft group of %d: %d entries of %d bytes, %d in flight: %.0f entries/s, "
                    + "append p50 %.2f ms, p99 %.2f ms%n", size, entries, entry.length, inFlight, entries / seconds,
                    latencies[entries / 2] / 1e6, latencies[entries * 99 / 100] / 1e6);
        } finally {
            for (RaftEngine e : engines) {
                e.close();
            }
        }
    }
}
