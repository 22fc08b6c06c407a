package org.garnet.core.internal.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.consensus.ReplicatedLog;
import org.garnet.api.consensus.ReplicatedState;
import org.garnet.core.internal.node.LocalNode;
import org.garnet.core.internal.store.LogLink;
import org.garnet.api.jobs.CancelResult;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobChange;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.jobs.QueueStats;
import org.garnet.api.locks.LockInfo;
import org.garnet.api.locks.LockMonitor;
import org.garnet.api.lu.OpDefinition;
import org.garnet.core.internal.CoreConfig;
import org.garnet.core.internal.DataRoot;
import org.garnet.core.internal.locks.LockAttempts;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Publishes the job queue ({@link JobQueue}, {@link LockMonitor}) and binds every {@link OpDefinition} service
 * dynamically, so an opcode's bundle can come and go while the queue runs.
 */
@Component(service = {JobQueue.class, LockMonitor.class, ReplicatedState.class}, configurationPid = CoreConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = ReplicatedState.NAME + "=" + JobJournal.STATE)
public class JobQueueComponent implements JobQueue, LockMonitor, ReplicatedState {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JobQueueComponent.class);
    private final ConcurrentHashMap<String, OpDefinition> pending = new ConcurrentHashMap<>();
    private final LogLink link = new LogLink();
    private volatile JobQueueImpl queue;
    private LocalNode local;
    private java.nio.file.Path dir;
    /** How often the queue looks whether this node has become (or stopped being) the master. */
    static final long ROLE_CHECK_MILLIS = 250;
    /** Looks whether this node has become the master, and then starts the queue's work. */
    private final ScheduledExecutorService roleCheck = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "garnet-queue-role");
        t.setDaemon(true);
        return t;
    });
    private boolean started;
    /** The other node this one last saw as the master while its queue was not started (a failover's source). */
    private String otherMaster;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindLog(ReplicatedLog log) {
        link.bind(log);
    }

    void unbindLog(ReplicatedLog log) {
        link.unbind(log);
    }

    @Reference
    private ConfigStore store;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindOpDefinition(OpDefinition def) {
        pending.put(def.opId(), def); // all of them: a queue made after a master failover gets them too
        JobQueueImpl q = queue;
        if (q != null) {
            q.definitionAdded(def);
        }
    }

    void unbindOpDefinition(OpDefinition def) {
        JobQueueImpl q = queue;
        if (q != null) {
            q.definitionRemoved(def);
        }
        pending.remove(def.opId(), def);
    }

    @Activate
    void activate(CoreConfig config) {
        dir = DataRoot.of(config);
        JobQueueImpl q = new JobQueueImpl(dir, store, new ConcurrentHashMap<>(), LockAttempts.ganeti(), link);
        pending.values().forEach(q::definitionAdded);
        queue = q;
        pending.values().forEach(q::definitionAdded);
        local = LocalNode.of(config);
        roleCheck.scheduleWithFixedDelay(this::startIfMaster, 0, ROLE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * The queue runs jobs on the master only (or on an appliance of no cluster yet): a candidate holds the
     * replicated queue but leaves it alone until it is the master. A master that is one no more (a master
     * failover) stops its queue's work: a fresh queue, not started, takes its place.
     */
    private synchronized void startIfMaster() {
        try {
            boolean master = isMaster();
            if (!started && !master) {
                otherMaster = org.garnet.core.internal.cluster.MasterRole.master(store).orElse(otherMaster);
            }
            if (started && !master) {
                JobQueueImpl old = queue;
                JobQueueImpl fresh = new JobQueueImpl(dir, store, new ConcurrentHashMap<>(), LockAttempts.ganeti(),
                        link);
                pending.values().forEach(fresh::definitionAdded);
                queue = fresh;
                started = false;
                old.close();
                LOG.info("job queue stopped on {}: this node is not the master any more", local.name());
            } else if (!started && master && leads()) {
                started = true;
                queue.start(otherMaster, local.name());
                otherMaster = null;
                LOG.info("job queue started on {}: {}", local.name(), queue.stats());
            }
        } catch (RuntimeException e) {
            LOG.warn("job queue: {}", e.getMessage());
        }
    }

    /**
     * Whether this node's member leads the master candidates' group: only the leader can write, so a node that
     * the configuration names the master but that has not (or not yet) the lead (an old master restarted with
     * an old copy of the configuration, or cut off) runs no job; nor does a leader still applying the log's tail
     * (after a restart), whose queue would take up only the jobs applied so far and leave the rest queued
     * forever. A queue that was never replicated (a single node before its member starts, or no cluster) needs
     * no lead.
     */
    private boolean leads() {
        ReplicatedLog log = link.current();
        return log == null ? !queue.onLog() : log.leadingAndApplied();
    }

    private boolean isMaster() {
        Optional<org.garnet.api.model.Cluster> cluster = store.cluster();
        if (cluster.isEmpty()) {
            // no configuration held: an appliance of no cluster yet, or a node of a cluster that holds no copy
            // (not a candidate, or a candidate whose member starts again empty), whose facts name the master
            return new org.garnet.core.internal.node.Ssconf(dir).value("master_node")
                    .filter(m -> !m.isEmpty() && !m.equals(local.name())).isEmpty();
        }
        return store.get(org.garnet.api.model.Node.class, cluster.get().masterNode())
                .map(n -> n.name().equals(local.name())).orElse(false);
    }

    @Deactivate
    void deactivate() {
        roleCheck.shutdownNow();
        queue.close();
    }

    // ---- the replicated state ----------------------------------------------------------------------------

    @Override
    public byte[] apply(long index, byte[] entry) {
        return queue.replicatedState().apply(index, entry);
    }

    @Override
    public long appliedIndex() {
        return queue.replicatedState().appliedIndex();
    }

    @Override
    public void leave() {
        queue.replicatedState().leave();
    }

    @Override
    public void forgetIndex() {
        queue.replicatedState().forgetIndex();
    }

    @Override
    public long snapshotTo(java.nio.file.Path file) {
        return queue.replicatedState().snapshotTo(file);
    }

    @Override
    public void restoreFrom(java.nio.file.Path file) {
        queue.replicatedState().restoreFrom(file);
    }

    @Override
    public OpCode parseOpCode(java.util.Map<String, Object> json) {
        return JobCodec.parseOp(json);
    }

    @Override
    public long submit(List<OpCode> ops) {
        return queue.submit(ops);
    }

    @Override
    public List<Long> submitMany(List<List<OpCode>> jobs) {
        return queue.submitMany(jobs);
    }

    @Override
    public Optional<Job> job(long id) {
        return queue.job(id);
    }

    @Override
    public List<Job> list(List<Long> ids, boolean includeArchived) {
        return queue.list(ids, includeArchived);
    }

    @Override
    public Optional<JobChange> awaitChange(long id, JobStatus knownStatus, long knownLogSerial, Duration timeout) {
        return queue.awaitChange(id, knownStatus, knownLogSerial, timeout);
    }

    @Override
    public CancelResult cancel(long id) {
        return queue.cancel(id);
    }

    @Override
    public CancelResult changePriority(long id, int priority) {
        return queue.changePriority(id, priority);
    }

    @Override
    public int archive(List<Long> ids) {
        return queue.archive(ids);
    }

    @Override
    public void clear() {
        queue.clear();
    }

    @Override
    public long[] autoArchive(Duration age, Duration timeout) {
        return queue.autoArchive(age, timeout);
    }

    @Override
    public void reschedule() {
        queue.reschedule();
    }

    @Override
    public QueueStats stats() {
        return queue.stats();
    }

    @Override
    public List<LockInfo> locks() {
        return queue.locks();
    }
}
