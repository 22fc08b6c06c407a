package org.garnet.core.internal.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.garnet.api.config.ConfigStore;
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
@Component(service = {JobQueue.class, LockMonitor.class}, configurationPid = CoreConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class JobQueueComponent implements JobQueue, LockMonitor {
    private final ConcurrentHashMap<String, OpDefinition> pending = new ConcurrentHashMap<>();
    private volatile JobQueueImpl queue;

    @Reference
    private ConfigStore store;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindOpDefinition(OpDefinition def) {
        JobQueueImpl q = queue;
        if (q != null) {
            q.definitionAdded(def);
        } else {
            pending.put(def.opId(), def);
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
        JobQueueImpl q = new JobQueueImpl(DataRoot.of(config), store, new ConcurrentHashMap<>(),
                LockAttempts.ganeti());
        pending.values().forEach(q::definitionAdded);
        queue = q;
        pending.values().forEach(q::definitionAdded);
        q.start();
    }

    @Deactivate
    void deactivate() {
        queue.close();
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
