package org.garnet.api.model;

/**
 * An upgrade (or downgrade) of the cluster's release under way: Ganeti's intent-to-upgrade file, kept in the
 * replicated configuration instead, so that it survives the master and the node that takes over finishes it.
 * {@code id} names the swap requests it makes; {@code from} and {@code to} are release versions as named
 * ({@code 0.2.0}, {@code 0.1.0-SNAPSHOT}); {@code stage} how far it got ({@link #DRAINING}, {@link #NODES},
 * {@link #MASTER}, {@link #LAGGING}); {@code started} when (epoch seconds) and {@code since} when
 * its stage began; {@code watcherPause} the watcher's pause before it, given
 * back at its end.
 */
public record UpgradeIntent(String id, String from, String to, String stage, double started, double since,
                            Double watcherPause) {
    /** The queue holds new jobs and the running ones end. */
    public static final String DRAINING = "draining";
    /** The nodes but the master swap their bundle sets. */
    public static final String NODES = "nodes";
    /** The master swaps its own; its next core finishes (or, back on the old release, takes the others back). */
    public static final String MASTER = "master";

    /**
     * The master runs the new release but some node does not (it was down): the queue runs again, and
     * {@code gnt-cluster upgrade --resume} swaps the rest once they are back.
     */
    public static final String LAGGING = "lagging";

    /** Whether the queue holds its jobs meanwhile (every stage but {@link #LAGGING}). */
    public boolean holdsQueue() {
        return !LAGGING.equals(stage);
    }

    /** The same upgrade at stage {@code newStage}, begun {@code now} (epoch seconds). */
    public UpgradeIntent at(String newStage, double now) {
        return new UpgradeIntent(id, from, to, newStage, started, now, watcherPause);
    }
}
