package org.garnet.api.model;

/**
 * An upgrade (or downgrade) of the cluster's release under way: Ganeti's intent-to-upgrade file, kept in the
 * replicated configuration instead, so that it survives the master and the node that takes over finishes it.
 * {@code id} names the swap requests it makes; {@code from} and {@code to} are release versions as named
 * ({@code 0.2.0}, {@code 0.1.0-SNAPSHOT}); {@code stage} how far it got ({@link #NODES}, {@link #DRAINING},
 * {@link #MASTER}, {@link #LAGGING}, in this order); {@code started} when (epoch seconds) and {@code since} when
 * its stage began; {@code watcherPause} the watcher's pause before it, given
 * back at its end.
 */
public record UpgradeIntent(String id, String from, String to, String stage, double started, double since,
                            Double watcherPause) {
    /**
     * The nodes but the master swap their bundle sets, one master candidate at a time: the queue runs the jobs
     * that leave the cluster's nodes as they are (see {@link #holds}); calls to a node wait while it swaps.
     */
    public static final String NODES = "nodes";
    /** The queue holds new jobs and the running ones end. */
    public static final String DRAINING = "draining";
    /** The master swaps its own; its next core finishes (or, back on the old release, takes the others back). */
    public static final String MASTER = "master";

    /**
     * The master runs the new release but some node does not (it was down): the queue runs again, and
     * {@code gnt-cluster upgrade --resume} swaps the rest once they are back.
     */
    public static final String LAGGING = "lagging";

    /** Whether the queue holds every job meanwhile ({@link #DRAINING} and {@link #MASTER}). */
    public boolean holdsQueue() {
        return DRAINING.equals(stage) || MASTER.equals(stage);
    }

    /**
     * Whether the queue holds (accepts but does not start) a job with an opcode {@code opId} now: every job while
     * it drains and the master swaps; while the other nodes swap, the jobs that change the cluster or its nodes
     * ({@code OP_CLUSTER_*}, {@code OP_NODE_*}, {@code OP_GROUP_ASSIGN_NODES}): the upgrade counts on the nodes,
     * their roles and the cluster's certificates as they were when it began.
     */
    public boolean holds(String opId) {
        if (holdsQueue()) {
            return true;
        }
        return NODES.equals(stage) && (opId.startsWith("OP_CLUSTER_") || opId.startsWith("OP_NODE_")
                || opId.equals("OP_GROUP_ASSIGN_NODES"));
    }

    /** The same upgrade at stage {@code newStage}, begun {@code now} (epoch seconds). */
    public UpgradeIntent at(String newStage, double now) {
        return new UpgradeIntent(id, from, to, newStage, started, now, watcherPause);
    }
}
