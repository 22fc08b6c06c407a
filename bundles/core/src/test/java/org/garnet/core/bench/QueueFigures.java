package org.garnet.core.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.OpCode;
import org.garnet.core.internal.jobs.JobQueueImpl;

/** What the job queue benchmarks measure, shared by the queue on its own file and on the Raft log. */
public final class QueueFigures {
    private QueueFigures() {
    }

    /** fsync/s of 4 KiB writes in {@code dir}. */
    public static double fsyncRate(Path dir, int n) throws IOException {
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

    /** Removes a benchmark's scratch directory. */
    public static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Jobs/s of {@code jobs} jobs of {@code op} submitted by {@code threads} threads, counted once all succeeded. */
    public static double throughput(JobQueueImpl queue, OpCode op, int jobs, int threads) throws InterruptedException {
        long start = System.nanoTime();
        List<Thread> submitters = new ArrayList<>();
        List<Long> ids = Collections.synchronizedList(new ArrayList<>());
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
            awaitEnd(queue, id);
        }
        return ids.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** The job once final; an exception unless it succeeded. */
    public static Job awaitEnd(JobQueueImpl queue, long id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Job j = queue.awaitChange(id, JobStatus.running, Long.MAX_VALUE, Duration.ofSeconds(30))
                    .map(c -> c.job()).orElseThrow();
            if (!j.status().isFinalized() && System.nanoTime() > deadline) {
                Thread.getAllStackTraces().forEach((t, st) -> System.err.println(t + " " + t.getState() + "\n  "
                        + String.join("\n  ", java.util.Arrays.stream(st).map(String::valueOf).toList())));
                throw new IllegalStateException("job " + id + " did not end within 60 s: " + j + " "
                        + j.ops().get(0).status());
            }
            if (j.status().isFinalized()) {
                if (j.status() != JobStatus.success) {
                    throw new IllegalStateException("job " + id + " ended " + j.status());
                }
                return j;
            }
        }
    }

    /** queued->running in ms of {@code n} jobs submitted one at a time on an idle queue, sorted. */
    public static double[] latencies(JobQueueImpl queue, OpCode op, int n) {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            Job j = awaitEnd(queue, queue.submit(List.of(op)));
            var r = j.receivedTimestamp();
            var s = j.ops().get(0).execTimestamp();
            ms[i] = ((s.seconds() - r.seconds()) * 1e6 + (s.micros() - r.micros())) / 1000.0;
        }
        Arrays.sort(ms);
        return ms;
    }
}
