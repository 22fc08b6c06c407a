package org.garnet.core.internal.upgrade;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.garnet.api.GanetiException;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.LogEntry;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.jobs.QueuedOpCode;

/**
 * The upgrade's last step, Ganeti's {@code gnt-cluster verify}: {@code OP_CLUSTER_VERIFY} submitted to the queue
 * (it expands into a job for the configuration and one per node group), each job followed to its end (bounded).
 * What it found wrong comes back as lines: the failed jobs' errors and the log lines of the checks that failed.
 */
final class ClusterCheck {
    /** How long the verification's jobs may take, all together. */
    static final Duration BOUND = Duration.ofMinutes(10);
    private final JobQueue queue;

    ClusterCheck(JobQueue queue) {
        this.queue = queue;
    }

    /** What the verification found wrong; empty when the cluster verified. */
    List<String> run() {
        long deadline = System.nanoTime() + BOUND.toNanos();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("verbose", false);
        p.put("error_codes", false);
        p.put("debug_simulate_errors", false);
        p.put("ignore_errors", List.of());
        List<String> problems = new ArrayList<>();
        Job top;
        try {
            top = awaitFinal(queue.submit(List.of(OpCode.of("OP_CLUSTER_VERIFY", p))), deadline);
        } catch (GanetiException e) {
            return List.of(e.getMessage());
        }
        if (top.status() != JobStatus.success) {
            return List.of("job " + top.id() + " " + top.status() + ": " + top.ops().get(0).result());
        }
        @SuppressWarnings("unchecked")
        List<List<Object>> jobs = (List<List<Object>>) ((Map<String, Object>) top.ops().get(0).result()).get("jobs");
        for (List<Object> j : jobs) {
            long id = ((Number) j.get(1)).longValue();
            Job job = awaitFinal(id, deadline);
            boolean ok = job.status() == JobStatus.success
                    && job.ops().stream().allMatch(o -> Boolean.TRUE.equals(o.result()));
            if (!ok) {
                for (QueuedOpCode op : job.ops()) {
                    op.log().stream().map(LogEntry::message).filter(m -> m.contains("ERROR"))
                            .forEach(problems::add);
                }
                if (job.status() != JobStatus.success) {
                    problems.add("Job " + id + " has failed: " + job.ops().stream().map(QueuedOpCode::result)
                            .filter(r -> r != null).map(String::valueOf).reduce((a, b) -> b).orElse(""));
                } else if (problems.isEmpty()) {
                    problems.add("job " + id + " found errors (gnt-job info " + id + ")");
                }
            }
        }
        return problems;
    }

    private Job awaitFinal(long id, long deadline) {
        while (true) {
            Job job = queue.job(id).orElseThrow(() -> GanetiException.exec("job " + id + " is gone"));
            if (job.status().isFinalized()) {
                return job;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw GanetiException.exec("job " + id + " did not end within " + BOUND.toMinutes() + " minutes");
            }
            queue.awaitChange(id, job.status(), Long.MAX_VALUE,
                    Duration.ofNanos(Math.min(left, Duration.ofSeconds(5).toNanos())));
        }
    }
}
