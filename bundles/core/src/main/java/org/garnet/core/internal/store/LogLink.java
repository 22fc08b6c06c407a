package org.garnet.core.internal.store;

import java.time.Duration;
import org.garnet.api.ErrorClass;
import org.garnet.api.GanetiException;
import org.garnet.api.consensus.ConsensusException;
import org.garnet.api.consensus.MemberStoppedException;
import org.garnet.api.consensus.NotLeaderException;
import org.garnet.api.consensus.ReplicatedLog;

/**
 * A replicated state's way to the master candidates' log: the log service while this node's Raft member runs,
 * and the rule for writing: once the state holds replicated entries, every change goes through the log (waiting
 * a bounded time for the member to come up), and only the leader (the master) may append.
 */
public final class LogLink {
    /** How long a change waits for this node's member of the group to run. */
    public static final Duration WAIT = Duration.ofSeconds(15);
    private ReplicatedLog log;

    public synchronized void bind(ReplicatedLog log) {
        this.log = log;
        notifyAll();
    }

    public synchronized void unbind(ReplicatedLog log) {
        if (this.log == log) {
            this.log = null;
            notifyAll();
        }
    }

    /** The log now, or null when this node runs no member. */
    public synchronized ReplicatedLog current() {
        return log;
    }

    /**
     * The log a change of a state that has applied up to {@code appliedIndex} must go through: the current one;
     * null when there is none and the state never held replicated entries (the node's own data: a single node
     * before its member starts, or no cluster); waits up to {@link #WAIT} for a member otherwise.
     */
    public ReplicatedLog forChange(long appliedIndex) {
        return forChange(() -> appliedIndex, null);
    }

    /**
     * As {@link #forChange(long)} for a state whose changes hold {@code held} (locked by the caller): the lock is
     * released while waiting (every hold of it), since the member's start may need it (a state founding a new group forgets its
     * index, one restoring a snapshot replaces its data), and taken again before the state is looked at anew.
     */
    public ReplicatedLog forChange(java.util.function.LongSupplier appliedIndex,
                                   java.util.concurrent.locks.ReentrantLock held) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            synchronized (this) {
                if (log != null || appliedIndex.getAsLong() == 0) {
                    return log;
                }
            }
            int holds = held == null ? 0 : held.getHoldCount();
            for (int i = 0; i < holds; i++) {
                held.unlock();
            }
            try {
                awaitMember(deadline);
            } finally {
                for (int i = 0; i < holds; i++) {
                    held.lock();
                }
            }
        }
    }

    /**
     * The log a change refused by {@code stopped} (this node's member, which was stopping: {@link #stopped})
     * goes to instead: as {@link #forChange(java.util.function.LongSupplier, java.util.concurrent.locks.ReentrantLock)}
     * once this node's member is no longer that one, waiting up to {@link #WAIT} with {@code held} released.
     */
    public ReplicatedLog after(ReplicatedLog stopped, java.util.function.LongSupplier appliedIndex,
                               java.util.concurrent.locks.ReentrantLock held) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int holds = held == null ? 0 : held.getHoldCount();
        for (int i = 0; i < holds; i++) {
            held.unlock();
        }
        try {
            synchronized (this) {
                while (log == stopped) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new GanetiException(ErrorClass.OpExecError, "The change was not made: this node's "
                                + "member of the master candidates' group stopped and did not come back", null);
                    }
                    wait(Math.max(1, left / 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GanetiException(ErrorClass.OpExecError, "interrupted while waiting for the replicated log", null);
        } finally {
            for (int i = 0; i < holds; i++) {
                held.lock();
            }
        }
        return forChange(appliedIndex, held);
    }

    /** Whether a change failed because this node's member was stopping and never took it (so it may be made again). */
    public static boolean stopped(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MemberStoppedException) {
                return true;
            }
        }
        return false;
    }

    private synchronized void awaitMember(long deadline) {
        try {
            while (log == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new GanetiException(ErrorClass.OpExecError, "The replicated configuration is not "
                            + "available: this node's member of the master candidates' group is not running", null);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GanetiException(ErrorClass.OpExecError, "interrupted while waiting for the replicated log", null);
        }
    }

    /** Appends and waits for the entry to be committed and applied here; failures as Ganeti errors. */
    public static byte[] append(ReplicatedLog log, String state, byte[] entry) {
        try {
            return appendAsync(log, state, entry).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw (GanetiException) e.getCause();
        }
    }

    /** Appends; the future completes once the entry is committed and applied here, or fails with a Ganeti error. */
    public static java.util.concurrent.CompletableFuture<byte[]> appendAsync(ReplicatedLog log, String state,
                                                                            byte[] entry) {
        return log.append(state, entry).handle((r, e) -> {
            if (e != null) {
                throw failure(e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                        ? e.getCause() : e);
            }
            return r;
        });
    }

    /** What a user is told when the log refused or lost a change. */
    public static GanetiException failure(Throwable cause) {
        if (cause instanceof NotLeaderException n && n.leader().isEmpty()) {
            return new GanetiException(ErrorClass.OpExecError, "The change was not made: the master candidates have "
                    + "no leader (a majority of them must answer; are most of them down?)", null);
        }
        if (cause instanceof NotLeaderException n) {
            return new GanetiException(ErrorClass.OpPrereqError, "This node is not the master any more, the change "
                    + "was not made" + n.leader().map(l -> " (the master candidates follow " + l + ")").orElse(""),
                    org.garnet.api.ErrorCode.ECODE_STATE);
        }
        if (cause instanceof ConsensusException) {
            GanetiException g = new GanetiException(ErrorClass.OpExecError, "The change was not committed: "
                    + cause.getMessage(), null);
            g.initCause(cause); // read by stopped()
            return g;
        }
        if (cause instanceof GanetiException g) {
            return g;
        }
        return new GanetiException(ErrorClass.OpExecError, "The change was not committed: " + cause, null);
    }
}
