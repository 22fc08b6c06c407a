package org.garnet.core.internal.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.garnet.api.ErrorClass;
import org.garnet.api.GanetiException;
import org.garnet.api.ReasonEntry;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.CancelResult;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobChange;
import org.garnet.api.jobs.JobDependency;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.LogEntry;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.jobs.OpStatus;
import org.garnet.api.jobs.QueueStats;
import org.garnet.api.jobs.Timestamp;
import org.garnet.api.locks.LockInfo;
import org.garnet.api.locks.LockLevel;
import org.garnet.api.locks.LockMonitor;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.ConfigObject;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Network;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;
import org.garnet.core.internal.locks.LockAttempts;
import org.garnet.core.internal.locks.LockManager;
import org.garnet.core.internal.store.LogLink;

/**
 * The job queue: validation and durable submission, the scheduler, the workers, cancel / priority / archive,
 * watching, and recovery after a restart (queued and waiting jobs run again; jobs that were running end in
 * {@code error}, as Ganeti's death detection does). {@link JobQueueComponent} publishes it as a service.
 */
public final class JobQueueImpl implements JobQueue, LockMonitor, JobRunner.Host, AutoCloseable {
    static final String RECOVERY_SOURCE = "gnt:daemon:garnet:recovery";
    static final String MASTER_STOPPED = "Unclean master daemon shutdown: the master stopped while the job ran";
    private static final int DEFAULT_MAX_RUNNING = 20;
    private static final Duration DEFINITION_WAIT = Duration.ofSeconds(30);

    private final ConfigStore store;
    private final Map<String, OpDefinition> definitions;
    private final JobJournal journal;
    private final LockManager locks = new LockManager();
    private final ConcurrentHashMap<Long, LiveJob> live = new ConcurrentHashMap<>();
    private final AtomicLong lastId;
    private final ExecutorService workers;
    private final Scheduler scheduler;
    private final JobRunner runner;
    private final OpValidator validator;

    /**
     * A queue whose database lives in {@code dir}; {@code definitions} is read live (the component adds and
     * removes opcode services as bundles come and go).
     */
    public JobQueueImpl(Path dir, ConfigStore store, Map<String, OpDefinition> definitions, LockAttempts attempts) {
        this(dir, store, definitions, attempts, new LogLink());
    }

    /** A queue whose changes go through the master candidates' log while {@code link} has one. */
    public JobQueueImpl(Path dir, ConfigStore store, Map<String, OpDefinition> definitions, LockAttempts attempts,
                        LogLink link) {
        this.store = store;
        this.definitions = definitions;
        this.journal = new JobJournal(dir.resolve(JobJournal.FILE_NAME), link);
        this.lastId = new AtomicLong(journal.maxId());
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "garnet-job-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.runner = new JobRunner(this, locks, attempts);
        this.validator = new OpValidator(this::definition);
        this.scheduler = new Scheduler(configuredMaxRunning(), workers, this::execute, this::held);
    }

    /**
     * Starts work (on the master): takes up the queue as the journal holds it — the job ids go on from the
     * highest one, the jobs a previous master left unfinished are recovered.
     */
    public JobQueueImpl start() {
        return start(null, null);
    }

    /**
     * Starts work on a node that took the master's part from {@code previousMaster} (null: this node was the
     * master before, as after a restart): jobs that were running there end in error naming the failover.
     */
    public JobQueueImpl start(String previousMaster, String self) {
        synchronized (lastId) {
            lastId.set(Math.max(lastId.get(), journal.maxId()));
        }
        recover(previousMaster == null ? MASTER_STOPPED : failedOver(previousMaster, self),
                previousMaster == null ? "the master stopped" : self + " took over from " + previousMaster);
        return this;
    }

    /** The result of a job that was running on a master that another node replaced. */
    static String failedOver(String previousMaster, String self) {
        return "Unclean master daemon shutdown: the job was running on the master " + previousMaster + " when "
                + self + " took over (master failover)";
    }

    /** Whether the queue is a state of the master candidates' log (it has applied entries from it). */
    public boolean onLog() {
        return journal.appliedIndex() > 0;
    }

    /** The queue as a state of the master candidates' log (its journal), which {@link JobQueueComponent} offers. */
    public org.garnet.api.consensus.ReplicatedState replicatedState() {
        return journal;
    }

    /** An opcode service came (the component calls this as bundles start). */
    public void definitionAdded(OpDefinition def) {
        synchronized (definitions) {
            definitions.put(def.opId(), def);
            definitions.notifyAll();
        }
    }

    public void definitionRemoved(OpDefinition def) {
        synchronized (definitions) {
            definitions.remove(def.opId(), def);
        }
    }

    // ---- submission ------------------------------------------------------------------------------------

    @Override
    public OpCode parseOpCode(Map<String, Object> json) {
        return JobCodec.parseOp(json);
    }

    @Override
    public long submit(List<OpCode> ops) {
        return submitMany(List.of(ops)).get(0);
    }

    @Override
    public List<Long> submitMany(List<List<OpCode>> jobs) {
        return submitInternal(jobs, true);
    }

    private List<Long> submitInternal(List<List<OpCode>> jobs, boolean checkDependencies) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        List<List<OpCode>> checked = new ArrayList<>();
        for (List<OpCode> ops : jobs) {
            if (ops.isEmpty()) {
                throw JobCodec.invalid("A job must have at least one opcode");
            }
            checked.add(ops.stream().map(validator::validate).toList());
        }
        List<LiveJob> created = new ArrayList<>();
        synchronized (lastId) {
            long first = lastId.get() + 1;
            for (int j = 0; j < checked.size(); j++) {
                long id = first + j;
                List<OpCode> ops = new ArrayList<>();
                long nowNs = System.currentTimeMillis() * 1_000_000L;
                for (int i = 0; i < checked.get(j).size(); i++) {
                    OpCode op = checked.get(j).get(i);
                    List<JobDependency> deps = resolveDependencies(op, id, first, checkDependencies);
                    List<ReasonEntry> trail = new ArrayList<>(op.reason());
                    trail.add(new ReasonEntry("gnt:opcode:" + snake(op.opId()), "job=" + id + ";index=" + i, nowNs));
                    ops.add(op.withDepends(deps).withReason(trail));
                }
                created.add(new LiveJob(id, ops, Timestamp.now()));
            }
            lastId.set(first + checked.size() - 1);
            created.forEach(j -> live.put(j.id, j));
        }
        try {
            journal.saveAll(created.stream().map(LiveJob::snapshot).toList());
        } catch (RuntimeException e) {
            created.forEach(j -> live.remove(j.id));
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            throw new GanetiException(ErrorClass.GenericError, "Job queue write failed: " + cause.getMessage(), null);
        }
        scheduler.enqueue(created, this::isUnfinished);
        return created.stream().map(j -> j.id).toList();
    }

    private List<JobDependency> resolveDependencies(OpCode op, long id, long firstOfSubmission, boolean check) {
        List<JobDependency> out = new ArrayList<>();
        for (JobDependency d : op.depends()) {
            long target = d.jobId();
            if (target < 0) {
                target = id + target;
                if (target < firstOfSubmission) {
                    throw JobCodec.invalid("Parameter 'depends': relative job id " + d.jobId() + " of job " + id
                            + " points before this submission");
                }
            } else if (check && target != id && target <= lastId.get()
                    && !live.containsKey(target) && journal.load(target).isEmpty()) {
                throw JobCodec.invalid("Parameter 'depends': job " + target + " does not exist");
            } else if (check && target > lastId.get() && target != id) {
                throw JobCodec.invalid("Parameter 'depends': job " + target + " does not exist");
            }
            out.add(new JobDependency(target, d.allowed()));
        }
        return out;
    }

    /** {@code OP_INSTANCE_STARTUP} → {@code instance_startup} (Ganeti's reason source suffix). */
    static String snake(String opId) {
        return (opId.startsWith("OP_") ? opId.substring(3) : opId).toLowerCase(java.util.Locale.ROOT);
    }

    // ---- execution ---------------------------------------------------------------------------------------

    private void execute(LiveJob job) {
        try {
            runner.run(job);
        } finally {
            completeJob(job);
        }
    }

    /**
     * Frees the job's slot, makes its final state durable, then tells the scheduler (its dependents may start)
     * and the watchers, and drops the live copy. {@code max_running_jobs} bounds the jobs executing opcodes: a job
     * whose opcodes ended holds no lock and runs nothing, and the write of its final state (a round trip to the
     * master candidates' log) overlaps the next job's start. Holding the slot through that write made the write's
     * latency the queue's limit: 20 slots over ~5 ms each on the log of one member, ~4,500 no-op jobs/s
     * ({@code bench/jobqueue.sh --nodes 3}); freed at once, ~8,000.
     */
    private void completeJob(LiveJob job) {
        scheduler.executed(job);
        try {
            journal.save(job.snapshot()).join();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(JobQueueImpl.class).error("job {} final state not saved", job.id, e);
        }
        job.markDurable();
        scheduler.finished(job);
        live.remove(job.id);
    }

    /** For submission: registered now or unknown. */
    private Optional<OpDefinition> definition(String opId) {
        return Optional.ofNullable(definitions.get(opId));
    }

    /**
     * For a job about to run an opcode: waits a bounded time for its service, since a job recovered at start
     * may come before the bundle providing its opcode is active.
     */
    @Override
    public Optional<OpDefinition> awaitDefinition(String opId) {
        long deadline = System.nanoTime() + DEFINITION_WAIT.toNanos();
        synchronized (definitions) {
            OpDefinition def;
            while ((def = definitions.get(opId)) == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                try {
                    definitions.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
            return Optional.of(def);
        }
    }

    @Override
    public Set<String> allLockNames(LockLevel level) {
        Class<? extends ConfigObject> type = switch (level) {
            case INSTANCE -> Instance.class;
            case NODEGROUP -> NodeGroup.class;
            case NODE, NODE_RES -> Node.class;
            case NETWORK -> Network.class;
            case CLUSTER -> null;
        };
        if (type == null) {
            return Set.of(LockLevel.BGL);
        }
        Set<String> out = new TreeSet<>();
        store.list(type).forEach(o -> out.add(o.uuid()));
        return out;
    }

    @Override
    public Optional<JobStatus> statusOf(long jobId) {
        LiveJob j = live.get(jobId);
        if (j != null) {
            return Optional.of(j.durableStatus());
        }
        return journal.load(jobId).map(Job::status);
    }

    @Override
    public List<Long> submitChildren(List<List<OpCode>> jobs) {
        return submitInternal(jobs, true);
    }

    @Override
    public void persist(LiveJob job) {
        journal.save(job.snapshot());
    }

    @Override
    public void clear() {
        synchronized (lastId) {
            if (live.values().stream().anyMatch(j -> !j.isFinished())) {
                throw org.garnet.api.GanetiException.prereq("The job queue has unfinished jobs; wait for them or "
                        + "cancel them first", org.garnet.api.ErrorCode.ECODE_STATE);
            }
            journal.clear();
            live.clear();
            lastId.set(0);
        }
    }

    private boolean isUnfinished(long id) {
        LiveJob j = live.get(id);
        return j != null && !j.isFinished();
    }

    // ---- queries -----------------------------------------------------------------------------------------

    @Override
    public Optional<Job> job(long id) {
        LiveJob j = live.get(id);
        if (j != null) {
            return Optional.of(j.snapshot());
        }
        return journal.load(id);
    }

    @Override
    public List<Job> list(List<Long> ids, boolean includeArchived) {
        Map<Long, Job> out = new LinkedHashMap<>();
        for (Job j : journal.list(ids, includeArchived)) {
            out.put(j.id(), j);
        }
        for (LiveJob j : live.values()) {
            if (ids.isEmpty() || ids.contains(j.id)) {
                out.put(j.id, j.snapshot());
            }
        }
        List<Job> sorted = new ArrayList<>(out.values());
        sorted.sort((a, b) -> Long.compare(a.id(), b.id()));
        return sorted;
    }

    @Override
    public Optional<JobChange> awaitChange(long id, JobStatus knownStatus, long knownLogSerial, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            LiveJob j = live.get(id);
            if (j == null) {
                Optional<Job> stored = journal.load(id);
                if (stored.isEmpty()) {
                    throw new GanetiException(ErrorClass.JobLost, "Job " + id + " not found", null);
                }
                return Optional.of(change(stored.get(), knownLogSerial));
            }
            long version = j.version();
            Job snap = j.snapshot();
            boolean durableFinal = snap.status().isFinalized() && j.isDurable();
            boolean newLog = j.logSerial() > knownLogSerial;
            if (durableFinal || newLog || snap.status() != knownStatus && !snap.status().isFinalized()) {
                return Optional.of(change(snap, knownLogSerial));
            }
            if (System.nanoTime() >= deadline) {
                return Optional.empty();
            }
            try {
                j.awaitVersion(version, deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private static JobChange change(Job job, long knownLogSerial) {
        List<LogEntry> entries = new ArrayList<>();
        job.ops().forEach(op -> op.log().stream().filter(e -> e.serial() > knownLogSerial).forEach(entries::add));
        entries.sort((a, b) -> Long.compare(a.serial(), b.serial()));
        return new JobChange(job, entries);
    }

    // ---- cancel, priority, archive ---------------------------------------------------------------------

    @Override
    public CancelResult cancel(long id) {
        LiveJob j = live.get(id);
        if (j == null) {
            return journal.load(id).map(job -> new CancelResult(false, "Job " + id + " is finished"))
                    .orElse(new CancelResult(false, "Job " + id + " not found"));
        }
        if (scheduler.dequeue(j)) {
            j.finishRemaining(OpStatus.canceled, JobRunner.CANCELED);
            completeJob(j);
            return new CancelResult(true, "Dequeued job " + id);
        }
        JobStatus status = j.status();
        if (status.isFinalized()) {
            return new CancelResult(false, "Job " + id + " is finished");
        }
        j.requestCancel();
        locks.wakeAll();
        return new CancelResult(true, "Job " + id + " will be canceled");
    }

    @Override
    public CancelResult changePriority(long id, int priority) {
        if (!OpValidator.SUBMIT_PRIORITIES.contains(priority)) {
            throw JobCodec.invalid("Invalid priority " + priority + ", allowed are -10, 0, 10");
        }
        LiveJob j = live.get(id);
        if (j == null) {
            return journal.load(id).map(job -> new CancelResult(false, "Job " + id + " is finished"))
                    .orElse(new CancelResult(false, "Job " + id + " not found"));
        }
        if (scheduler.reprioritize(j, priority)) {
            persist(j);
            return new CancelResult(true, "Priorities of pending opcodes for job " + id
                    + " have been changed to " + priority);
        }
        JobStatus status = j.status();
        if (status == JobStatus.waiting || status == JobStatus.queued) {
            j.changePriority(priority);
            persist(j);
            return new CancelResult(true, "Priorities of pending opcodes for job " + id
                    + " have been changed to " + priority);
        }
        return new CancelResult(false, "Job " + id + " is " + status + ", its priority cannot be changed");
    }

    @Override
    public int archive(List<Long> ids) {
        List<Long> finished = ids.stream().filter(id -> !live.containsKey(id)).toList();
        return finished.isEmpty() ? 0 : journal.archive(finished);
    }

    @Override
    public long[] autoArchive(Duration age, Duration timeout) {
        double cutoff = System.currentTimeMillis() / 1000.0 - age.toMillis() / 1000.0;
        List<Long> ids = journal.archivable(cutoff);
        long deadline = System.nanoTime() + timeout.toNanos();
        int archived = 0;
        int i = 0;
        while (i < ids.size() && System.nanoTime() < deadline) {
            List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + 1000));
            archived += archive(chunk);
            i += chunk.size();
        }
        return new long[] {archived, ids.size() - i};
    }

    @Override
    public void reschedule() {
        scheduler.setMaxRunning(configuredMaxRunning());
    }

    @Override
    public QueueStats stats() {
        return new QueueStats(scheduler.queuedCount(), scheduler.runningCount(), scheduler.maxRunning(),
                lastId.get());
    }

    @Override
    public List<LockInfo> locks() {
        return locks.snapshot();
    }

    /** Number of group commits so far (benchmarks report jobs per fsync). */
    public long commits() {
        return journal.commits();
    }

    /**
     * Which jobs the queue takes but does not start while an upgrade is under way ({@code gnt-cluster upgrade}):
     * the intent's stage says ({@link org.garnet.api.model.UpgradeIntent#holds}).
     */
    private java.util.function.Predicate<LiveJob> held() {
        org.garnet.api.model.UpgradeIntent u;
        try {
            u = store.cluster().map(Cluster::upgrade).orElse(null);
        } catch (RuntimeException e) {
            u = null;
        }
        if (u == null) {
            return job -> false;
        }
        if (u.holdsQueue()) {
            return job -> true;
        }
        org.garnet.api.model.UpgradeIntent intent = u;
        return job -> job.ops.stream().anyMatch(op -> intent.holds(op.input.opId()));
    }

    private int configuredMaxRunning() {
        try {
            return store.cluster().map(Cluster::maxRunningJobs).orElse(DEFAULT_MAX_RUNNING);
        } catch (RuntimeException e) {
            return 1;
        }
    }

    // ---- recovery ----------------------------------------------------------------------------------------

    private void recover(String message, String what) {
        List<LiveJob> requeue = new ArrayList<>();
        List<Job> failed = new ArrayList<>();
        Map<Long, LiveJob> restored = new HashMap<>();
        for (Job job : journal.unfinished()) {
            if (live.containsKey(job.id())) {
                // submitted through this queue while it started (a node that just took the lead takes jobs
                // at once, waiting for the log): its submission schedules it; recovering it would run it twice
                continue;
            }
            JobStatus status = job.status();
            LiveJob j = LiveJob.restore(job);
            if (status == JobStatus.queued || status == JobStatus.waiting) {
                j.resetWaiting();
                restored.put(j.id, j);
                requeue.add(j);
            } else {
                j.failUnfinished(new ReasonEntry(RECOVERY_SOURCE, "job " + job.id() + " was running when " + what,
                        System.currentTimeMillis() * 1_000_000L), message);
                failed.add(j.snapshot());
            }
        }
        if (!failed.isEmpty()) {
            journal.saveAll(failed);
        }
        live.putAll(restored);
        scheduler.enqueue(requeue, this::isUnfinished);
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.close();
    }
}
