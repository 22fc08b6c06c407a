package org.garnet.core.internal.jobs;

import java.nio.file.Path;
import org.garnet.api.jobs.Job;
import org.garnet.api.lu.OpDefinition;
import org.garnet.core.internal.store.SqliteConfigStore;

/** The queue fixture for tests in other packages. */
public final class QueueAccess implements AutoCloseable {
    private final QueueFixture f;

    public QueueAccess(Path dir) {
        f = new QueueFixture(dir);
    }

    public JobQueueImpl queue() {
        return f.queue;
    }

    public SqliteConfigStore store() {
        return f.store;
    }

    public void add(OpDefinition def) {
        f.queue.definitionAdded(def);
    }

    public Job awaitFinished(long id) {
        return f.awaitFinished(id);
    }

    @Override
    public void close() {
        f.close();
    }
}
