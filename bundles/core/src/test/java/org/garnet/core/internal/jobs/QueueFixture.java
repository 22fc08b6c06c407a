package org.garnet.core.internal.jobs;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.garnet.api.config.ClusterInitRequest;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.OpStatus;
import org.garnet.api.lu.OpDefinition;
import org.garnet.core.internal.cluster.ClusterServiceImpl;
import org.garnet.core.internal.locks.LockAttempts;
import org.garnet.core.internal.lu.ClusterSetParamsOp;
import org.garnet.core.internal.lu.ClusterVerifyConfigOp;
import org.garnet.core.internal.lu.ClusterVerifyGroupOp;
import org.garnet.core.internal.lu.ClusterVerifyOp;
import org.garnet.core.internal.lu.TestDelayOp;
import org.garnet.core.internal.node.LocalNode;
import org.garnet.core.internal.store.SqliteConfigStore;

/** A real queue on a temporary directory with a real single-node cluster configuration. */
final class QueueFixture implements AutoCloseable {
    final Path dir;
    final SqliteConfigStore store;
    final ClusterServiceImpl cluster;
    final GateOp gate = new GateOp();
    JobQueueImpl queue;

    QueueFixture(Path dir) {
        this.dir = dir;
        this.store = new SqliteConfigStore(dir.resolve("config.db"));
        this.cluster = ClusterServiceImpl.inProcess(store, new LocalNode("node1.example.com", "127.0.0.1"), dir);
        if (store.cluster().isEmpty()) {
            cluster.init(new ClusterInitRequest("localhost", null, List.of("fake"), List.of("file", "diskless"), "lo",
                    null, null, null, null, null, null, null, null, null, null, null, null, null));
        }
        open();
    }

    void open() {
        Map<String, OpDefinition> defs = new ConcurrentHashMap<>();
        queue = new JobQueueImpl(dir, store, defs, LockAttempts.scaled(0.01));
        queue.definitionAdded(gate);
        queue.definitionAdded(new OpportunisticOp());
        queue.definitionAdded(new TestDelayOp(store));
        queue.definitionAdded(new ClusterSetParamsOp(cluster));
        queue.definitionAdded(new ClusterVerifyOp(store));
        var drivers = new org.garnet.core.internal.drivers.Drivers(
                new org.garnet.core.internal.os.OsCatalog(dir.resolve("os")));
        queue.definitionAdded(new ClusterVerifyConfigOp(store, drivers));
        queue.definitionAdded(new ClusterVerifyGroupOp(store, drivers));
        queue.start();
    }

    void reopen() {
        queue.close();
        open();
    }

    Job awaitStatus(long id, JobStatus status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> queue.job(id).orElseThrow().status() == status);
        return queue.job(id).orElseThrow();
    }

    Job awaitFinished(long id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> queue.job(id).orElseThrow().status().isFinalized());
        return queue.job(id).orElseThrow();
    }

    void awaitStarted(String gateName) {
        await().atMost(Duration.ofSeconds(20)).until(() -> gate.started.contains(gateName));
    }

    static OpStatus opStatus(Job j, int i) {
        return j.ops().get(i).status();
    }

    String masterUuid() {
        return store.cluster().orElseThrow().masterNode();
    }

    @Override
    public void close() {
        queue.close();
        store.close();
    }
}
