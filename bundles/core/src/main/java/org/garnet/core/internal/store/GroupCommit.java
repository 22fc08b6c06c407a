package org.garnet.core.internal.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Changes written in batches (group commit): while one batch is on its way (a round trip of the master
 * candidates' log), the changes that arrive wait, and the first of them to get its turn writes them all together
 * in the next. The writer of a batch is one of its callers, so no thread of its own is needed; every caller
 * returns as soon as its own change is done.
 */
final class GroupCommit {
    /** The most changes in one batch. */
    static final int MAX_BATCH = 64;

    /**
     * One change: its outcome is decided by {@link #succeed} or {@link #fail} (on the batch's writer), and its
     * caller is told once the batch is over ({@code done}, set under the commit's lock).
     */
    static final class Change<T> {
        final SqliteDatabase.SqlWork<T> work;
        private T result;
        private RuntimeException failure;
        private boolean decided;
        private boolean done;

        Change(SqliteDatabase.SqlWork<T> work) {
            this.work = work;
        }

        @SuppressWarnings("unchecked")
        void succeed(Object result) {
            this.result = (T) result;
            this.decided = true;
        }

        void fail(RuntimeException failure) {
            this.failure = failure;
            this.decided = true;
        }

        boolean decided() {
            return decided;
        }

        T outcome() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }

    private final ArrayDeque<Change<?>> waiting = new ArrayDeque<>();
    /** Whether a batch is being written; guarded by this. */
    private boolean writing;

    /**
     * Makes {@code work} as part of a batch written by {@code writeBatch}, which must decide every change of the
     * batch (a change it leaves undecided fails with what it threw). Returns the work's result or throws its
     * failure.
     */
    <T> T submit(SqliteDatabase.SqlWork<T> work, Consumer<List<Change<?>>> writeBatch) {
        Change<T> change = new Change<>(work);
        boolean interrupted = false;
        try {
            synchronized (this) {
                waiting.add(change);
            }
            while (true) {
                List<Change<?>> batch = new ArrayList<>();
                synchronized (this) {
                    while (!change.done && writing) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            interrupted = true; // the change may be in a batch already: its outcome is awaited
                        }
                    }
                    if (change.done) {
                        return change.outcome();
                    }
                    writing = true;
                    while (!waiting.isEmpty() && batch.size() < MAX_BATCH) {
                        batch.add(waiting.poll());
                    }
                }
                write(batch, writeBatch);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How many changes wait for a batch (tests). */
    synchronized int waiting() {
        return waiting.size();
    }

    private void write(List<Change<?>> batch, Consumer<List<Change<?>>> writeBatch) {
        RuntimeException failure = null;
        try {
            writeBatch.accept(batch);
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            failure = new IllegalStateException("configuration write failed: " + e, e);
            throw e;
        } finally {
            synchronized (this) {
                for (Change<?> c : batch) {
                    if (!c.decided) {
                        c.fail(failure != null ? failure
                                : new IllegalStateException("configuration write failed: the change was not made"));
                    }
                    c.done = true;
                }
                writing = false;
                notifyAll();
            }
        }
    }
}
