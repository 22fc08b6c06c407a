package org.garnet.api.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The durable job queue (Ganeti's luxid queue). Every change to the cluster is a job of opcodes submitted here;
 * the shell and the RAPI only submit, watch and query.
 *
 * <p>Submission validates every opcode (known {@code OP_ID}, parameter names, types and required parameters,
 * dependencies) and refuses the whole submission with {@code OpPrereqError(ECODE_INVAL)} naming the field when
 * one is wrong; nothing is queued then. An id is returned only once its job is on disk (fsync'd). All methods
 * are thread-safe and never block on a running job except {@link #awaitChange}.
 */
@ProviderType
public interface JobQueue {
    /**
     * Reads an opcode in Ganeti's JSON form ({@code {"OP_ID": ..., params..., "comment", "priority",
     * "depends", "reason", "dry_run", "debug_level"}}), as job files, LUXI and RAPI bodies carry it. A malformed
     * common field is {@code OpPrereqError(ECODE_INVAL)} naming it; the opcode's own parameters are checked at
     * submission.
     */
    OpCode parseOpCode(java.util.Map<String, Object> json);

    /** Submits one job; returns its id once durable. */
    long submit(List<OpCode> ops);

    /**
     * Submits several jobs at once (Ganeti's {@code SubmitManyJobs}): a negative job id in a {@code depends}
     * entry is relative to the depending job's own id within this submission (−1 = the job submitted just
     * before it). All or none are queued.
     */
    List<Long> submitMany(List<List<OpCode>> jobs);

    /** A job, queued, running, finished or archived. */
    Optional<Job> job(long id);

    /** Jobs by id order; archived ones only when asked. {@code ids} empty = all. */
    List<Job> list(List<Long> ids, boolean includeArchived);

    /**
     * Waits until the job's status differs from {@code knownStatus} or it has log entries with a serial above
     * {@code knownLogSerial}, or the timeout passes (then {@link Optional#empty()}, Ganeti's
     * {@code JOB_NOTCHANGED}). A finished job answers at once.
     */
    Optional<JobChange> awaitChange(long id, JobStatus knownStatus, long knownLogSerial, Duration timeout);

    /**
     * Cancels a job: queued jobs at once; waiting or running jobs cooperatively (between opcodes and while
     * waiting for locks or dependencies) through {@code canceling}; finished jobs cannot be canceled.
     */
    CancelResult cancel(long id);

    /** Changes the priority of the job's unfinished opcodes (queued or waiting jobs only). */
    CancelResult changePriority(long id, int priority);

    /** Archives finished jobs; returns how many were archived. */
    int archive(List<Long> ids);

    /**
     * Archives finished jobs whose end (or start) is older than {@code age}; stops after {@code timeout}.
     * Returns {@code [archived, left]} like Ganeti's {@code AutoArchiveJobs}.
     */
    long[] autoArchive(Duration age, Duration timeout);

    /**
     * Forgets every job, archived ones included, and starts the ids at 1 again (Ganeti's {@code gnt-cluster
     * destroy} empties the queue). Refused with {@code OpPrereqError(ECODE_STATE)} while a job is unfinished.
     */
    void clear();

    /** Re-reads the scheduler's limits from the cluster configuration (after {@code gnt-cluster modify}). */
    void reschedule();

    /** A snapshot of the scheduler's counters (for {@code gnt-debug} and benchmarks). */
    QueueStats stats();
}
