package org.garnet.core.internal.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.garnet.api.ErrorClass;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.ReasonEntry;
import org.garnet.api.jobs.JobDependency;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.jobs.OpStatus;
import org.garnet.api.locks.LockLevel;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.ResultWithJobs;
import org.garnet.core.internal.locks.LockAttempts;
import org.garnet.core.internal.locks.LockManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job's opcodes in order with Ganeti's processor semantics ({@code mcpu} + {@code _JobProcessor}):
 * dependencies checked, locks taken level by level (cluster lock first, shared unless the unit asks otherwise),
 * the unit's lifecycle run, locks released; the first failing opcode fails the rest ("Preceding opcode
 * failed"); a cancel request is honoured between opcodes and while waiting for locks.
 */
final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    static final String CANCELED = "Job canceled by request";

    private static final int TEMP_NORES_RETRIES = 10;
    /** How often a job waiting for a driver asks again whether it is there. */
    private static final long DRIVER_POLL_MS = 500;

    /** What the runner needs from the queue. */
    interface Host {
        Optional<OpDefinition> awaitDefinition(String opId);

        Set<String> allLockNames(LockLevel level);

        Optional<JobStatus> statusOf(long jobId);

        List<Long> submitChildren(List<List<OpCode>> jobs);

        void reschedule();

        void persist(LiveJob job);
    }

    private final Host host;
    private final LockManager locks;
    private final LockAttempts attempts;
    /** What a job waiting for a driver waits on between its questions. */
    private final Object driverPoll = new Object();

    JobRunner(Host host, LockManager locks, LockAttempts attempts) {
        this.host = host;
        this.locks = locks;
        this.attempts = attempts;
    }

    void run(LiveJob job) {
        job.started();
        host.persist(job);
        for (int i = 0; i < job.ops.size(); i++) {
            if (job.cancelRequested()) {
                job.finishRemaining(OpStatus.canceled, CANCELED);
                return;
            }
            OpStatus end = runOp(job, i);
            if (end == OpStatus.error) {
                job.finishRemaining(OpStatus.error, preceding());
                return;
            }
            if (end == OpStatus.canceled) {
                job.finishRemaining(OpStatus.canceled, CANCELED);
                return;
            }
        }
        job.finishRemaining(OpStatus.success, null);
    }

    private OpStatus runOp(LiveJob job, int index) {
        String owner = "job/" + job.id;
        OpCode op;
        synchronized (job) {
            op = job.ops.get(index).input;
        }
        job.opWaiting(index);
        host.persist(job);
        try {
            String depError = checkDependencies(job, op);
            if (depError != null) {
                if (depError.isEmpty()) {
                    job.opFinished(index, OpStatus.canceled, CANCELED, CANCELED);
                    return OpStatus.canceled;
                }
                job.opFinished(index, OpStatus.error, encode(GanetiException.exec(depError)), preceding());
                return OpStatus.error;
            }
            OpDefinition def = host.awaitDefinition(op.opId()).orElseThrow(() -> new GanetiException(
                    ErrorClass.OpPrereqError, "Opcode " + op.opId() + " is not available (its bundle is not "
                    + "active)", ErrorCode.ECODE_INVAL));
            LogicalUnit lu = def.create(op, context(job, index, op));
            lu.checkArguments();
            awaitDrivers(job, index, lu);
            for (int attempt = 0; ; attempt++) {
                LockPlan plan = new LockPlan();
                plan.releaser((level, names) -> locks.release(owner, level, names));
                lu.declareLocks(plan);
                if (attempt >= TEMP_NORES_RETRIES) {
                    blocking(plan); // the last attempt waits for every lock it asked for: it cannot lack one
                }
                if (!acquire(job, index, owner, lu, plan)) {
                    job.opFinished(index, OpStatus.canceled, CANCELED, CANCELED);
                    return OpStatus.canceled;
                }
                job.opLocked(index); // Ganeti's execution start: once the locks are held, before CheckPrereq
                try {
                    lu.checkPrereq();
                    break;
                } catch (GanetiException e) {
                    if (e.code() != ErrorCode.ECODE_TEMP_NORES || !opportunistic(plan)
                            || attempt >= TEMP_NORES_RETRIES) {
                        throw e;
                    }
                    job.log(index, "message", "Not enough resources free now, retrying"
                            + (attempt + 1 == TEMP_NORES_RETRIES ? " with all the locks asked for" : "") + ": "
                            + e.getMessage());
                    locks.releaseAll(owner);
                    locks.awaitRelease(TimeUnit.MILLISECONDS.toNanos(500));
                }
            }
            job.opRunning(index);
            host.persist(job);
            Object result = op.dryRun() ? null : lu.exec();
            if (result instanceof ResultWithJobs rwj) {
                result = submitChildren(op, rwj);
            }
            job.opFinished(index, OpStatus.success, result);
            return OpStatus.success;
        } catch (GanetiException e) {
            if (e.errorClass() == ErrorClass.JobCanceled) {
                job.opFinished(index, OpStatus.canceled, CANCELED, CANCELED);
                return OpStatus.canceled;
            }
            job.opFinished(index, OpStatus.error, encode(e), preceding());
            return OpStatus.error;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.opFinished(index, OpStatus.error, encode(GanetiException.exec(JobQueueImpl.MASTER_STOPPED)),
                    preceding());
            return OpStatus.error;
        } catch (RuntimeException e) {
            LOG.error("Opcode {} of job {} failed unexpectedly", op.opId(), job.id, e);
            job.opFinished(index, OpStatus.error, encode(GanetiException.exec(
                    "Unexpected error: " + e.getClass().getSimpleName() + ": " + e.getMessage())), preceding());
            return OpStatus.error;
        } finally {
            locks.releaseAll(owner);
        }
    }

    /**
     * Waits, holding no lock, while the unit misses a driver (its bundle away on the node that needs it), saying
     * in the job's log which; a cancel ends the wait. A unit whose question fails goes on (its own checks, under
     * the locks, say what is wrong).
     */
    private void awaitDrivers(LiveJob job, int index, LogicalUnit lu) throws InterruptedException {
        String said = null;
        while (true) {
            Optional<String> missing;
            try {
                missing = lu.missingDriver();
            } catch (GanetiException e) {
                missing = Optional.empty();
            }
            if (missing.isEmpty()) {
                if (said != null) {
                    job.log(index, "message", "Found " + said + " again");
                }
                return;
            }
            if (!missing.get().equals(said)) {
                said = missing.get();
                job.log(index, "message", "Waiting for " + said + " (its bundle is not active)");
                host.persist(job);
            }
            if (job.cancelRequested()) {
                throw new GanetiException(ErrorClass.JobCanceled, "Job canceled by request", null);
            }
            synchronized (driverPoll) {
                driverPoll.wait(DRIVER_POLL_MS);
            }
        }
    }

    /**
     * Ganeti's dependency rules for one opcode: null = go on; "" = cancel this job (dependency canceled and
     * canceled not allowed); otherwise the error message.
     */
    private String checkDependencies(LiveJob job, OpCode op) {
        for (JobDependency dep : op.depends()) {
            if (dep.jobId() == job.id) {
                return "Job can't depend on itself";
            }
            Optional<JobStatus> status = host.statusOf(dep.jobId());
            if (status.isEmpty()) {
                return "Dependency error: Job " + dep.jobId() + " not found";
            }
            JobStatus st = status.get();
            if (!st.isFinalized()) {
                return "Dependency error: job " + dep.jobId() + " has not finished";
            }
            if (st == JobStatus.canceled && !dep.allowed().contains(JobStatus.canceled)) {
                return "";
            }
            if (!dep.allowed().isEmpty() && !dep.allowed().contains(st)) {
                return "Dependency job " + dep.jobId() + " finished with status '" + st + "', not one of '"
                        + String.join(", ", dep.allowed().stream().map(Enum::name).toList()) + "' as required";
            }
        }
        return null;
    }

    private boolean acquire(LiveJob job, int index, String owner, LogicalUnit lu, LockPlan plan)
            throws InterruptedException {
        int priority;
        synchronized (job) {
            priority = job.ops.get(index).priority;
        }
        if (!locks.acquire(owner, LockLevel.CLUSTER, Set.of(LockLevel.BGL), false, !plan.isExclusiveCluster(),
                priority, attempts, job::cancelRequested)) {
            return false;
        }
        plan.recordHeld(LockLevel.CLUSTER, Set.of(LockLevel.BGL));
        for (LockLevel level : LockLevel.values()) {
            if (level == LockLevel.CLUSTER) {
                continue;
            }
            lu.beforeLevel(level, plan);
            LockPlan.Request req = plan.wanted(level);
            if (req == null || !req.all() && req.names().isEmpty()) {
                continue;
            }
            Set<String> names = req.all() ? host.allLockNames(level) : req.names();
            if (req.opportunistic()) {
                Set<String> got = locks.acquireOpportunistic(owner, level, names, req.shared(), req.minimum(),
                        attempts.timeoutNanos(0), job::cancelRequested);
                if (job.cancelRequested()) {
                    return false;
                }
                plan.recordHeld(level, got);
            } else {
                if (!locks.acquire(owner, level, names, req.all(), req.shared(), priority, attempts,
                        job::cancelRequested)) {
                    return false;
                }
                plan.recordHeld(level, names);
            }
        }
        return true;
    }

    /** Turns the plan's opportunistic requests into ordinary ones (wait for every lock named). */
    private static void blocking(LockPlan plan) {
        for (LockLevel level : LockLevel.values()) {
            LockPlan.Request r = plan.wanted(level);
            if (r != null && r.opportunistic()) {
                plan.need(level, r.names(), r.shared());
            }
        }
    }

    private static boolean opportunistic(LockPlan plan) {
        for (LockLevel level : LockLevel.values()) {
            LockPlan.Request r = plan.wanted(level);
            if (r != null && r.opportunistic()) {
                return true;
            }
        }
        return false;
    }

    private LuContext context(LiveJob job, int index, OpCode op) {
        return new LuContext() {
            @Override
            public long jobId() {
                return job.id;
            }

            @Override
            public List<ReasonEntry> reason() {
                return op.reason();
            }

            @Override
            public void feedback(String message) {
                job.log(index, "message", message);
            }

            @Override
            public void queueLimitsChanged() {
                host.reschedule();
            }

            @Override
            public boolean cancelRequested() {
                return job.cancelRequested();
            }

            @Override
            public void recordParam(String name, Object value) {
                job.recordParam(index, name, value);
            }
        };
    }

    private Object submitChildren(OpCode parent, ResultWithJobs rwj) {
        List<List<OpCode>> children = new ArrayList<>();
        for (List<OpCode> ops : rwj.jobs()) {
            children.add(ops.stream().map(o -> {
                List<ReasonEntry> trail = new ArrayList<>(parent.reason());
                trail.addAll(o.reason());
                return o.withReason(trail);
            }).toList());
        }
        List<Long> ids = host.submitChildren(children);
        Map<String, Object> result = new LinkedHashMap<>(rwj.other());
        result.put("jobs", ids.stream().map(id -> List.<Object>of(true, id)).toList());
        return result;
    }

    /** What the opcodes after a failed one end with (Ganeti's wording). */
    private static List<Object> preceding() {
        return encode(GanetiException.exec("Preceding opcode failed"));
    }

    /** Ganeti's encoding of an error in a job result: {@code [class, [message, code]]}. */
    static List<Object> encode(GanetiException e) {
        List<Object> args = new ArrayList<>();
        args.add(e.getMessage());
        if (e.code() != null) {
            args.add(e.code().wireName());
        }
        return List.of(e.errorClass().name(), args);
    }
}
