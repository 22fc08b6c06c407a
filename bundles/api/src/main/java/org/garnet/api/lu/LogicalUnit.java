package org.garnet.api.lu;

import org.garnet.api.locks.LockLevel;

/**
 * One execution of an opcode, with Ganeti's lifecycle: {@link #checkArguments()} (no locks, no config access),
 * {@link #declareLocks(LockPlan)} (what to lock), then for each level {@link #beforeLevel} (refine the plan with
 * what is held so far), {@link #checkPrereq()} under the locks (idempotent: may run again after a retry),
 * {@link #exec()} (skipped in dry-run). Errors: throw {@link org.garnet.api.GanetiException}; an
 * {@code OpPrereqError} with {@code ECODE_TEMP_NORES} from a unit that locked opportunistically makes the queue
 * release the locks, wait and try again.
 */
public interface LogicalUnit {
    default void checkArguments() {
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
