package org.garnet.api.lu;

import java.util.List;
import org.garnet.api.ReasonEntry;

/** What a logical unit may know of the job it runs in, and its feedback channel (the job log). */
public interface LuContext {
    long jobId();

    /** The opcode's reason trail (jobs this unit submits inherit it). */
    List<ReasonEntry> reason();

    /** Appends a message to the opcode's log ({@code gnt-job watch} shows it as it comes). */
    void feedback(String message);

    /**
     * Tells the queue that the cluster's queue limits changed ({@code max_running_jobs}): the scheduler re-reads
     * them at once (Ganeti's {@code configChangeNeedsRescheduling}).
     */
    void queueLimitsChanged();

    /** True once the job is being canceled; long work should stop and throw. */
    boolean cancelRequested();

    /**
     * Records a parameter the logical unit worked out (the hypervisor it chose, the node's UUID, ...) in the
     * opcode's input, as Ganeti's logical units fill in their opcode: job info shows the completed input.
     */
    default void recordParam(String name, Object value) {
    }
}
