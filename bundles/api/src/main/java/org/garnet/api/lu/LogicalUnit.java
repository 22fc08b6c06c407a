package org.garnet.api.lu;

import org.garnet.api.locks.LockLevel;

/**
 * One execution of an opcode, with Ganeti's lifecycle: {@link #checkArguments()} (no locks, no config access),
 * {@link #declareLocks(LockPlan)} (what to lock), then for each level {@link #beforeLevel} (refine the plan with
 * what is held so far), {@link #checkPrereq()} under the locks (idempotent: may run again after a retry),
 * {@link #exec()} (skipped in dry-run). Errors: throw {@link org.garnet.api.GanetiException}; an
 * {@code OpPrereqError} with {@code ECODE_TEMP_NORES} from a unit that locked opportunistically makes the queue
 * release the locks, wait and try again. Before any lock, {@link #missingDriver()}: while a driver the unit needs
 * is away (its bundle stopped, being replaced), the job waits holding no lock.
 */
public interface LogicalUnit {
    default void checkArguments() {
    }

    /**
     * A driver this unit needs that is not there now, in words for the job's log (for example
     * {@code "ExtStorage provider 'loop' on node node1"}), or empty. Asked before the unit takes its locks and
     * again until it is empty: meanwhile the job waits (status {@code waiting}, its log naming the driver),
     * holding no lock; a unit that cannot tell answers empty and finds out under its locks.
     */
    default java.util.Optional<String> missingDriver() {
        return java.util.Optional.empty();
    }

    /** Declares the locks this unit needs; the cluster lock (BGL) is always taken, shared unless asked. */
    void declareLocks(LockPlan plan);

    /** Called before locks of {@code level} are taken, with the locks held so far in {@code plan}. */
    default void beforeLevel(LockLevel level, LockPlan plan) {
    }

    default void checkPrereq() {
    }

    /** Does the work; the result is stored as the opcode's result ({@link ResultWithJobs} submits jobs). */
    Object exec();
}
