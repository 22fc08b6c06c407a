package org.garnet.api.consensus;

import java.nio.file.Path;

/**
 * A state built from the replicated log (the configuration, the job queue), registered as a service with
 * {@link #NAME}. Every candidate applies the same entries in the same order, so every candidate holds the same
 * state; the state itself remembers up to which log index it has applied, durably with what it applied, so
 * replaying the log after a restart skips what is already in.
 */
public interface ReplicatedState {
    /** Service property: the state's name, which entries for it carry. */
    String NAME = "replicated.state";

    /**
     * Applies the committed entry at {@code index} (greater than {@link #appliedIndex()}), durably and together
     * with the new applied index. The outcome must depend only on the state and the entry: every candidate
     * reaches the same one. What it returns goes back to the node that appended the entry.
     */
    byte[] apply(long index, byte[] entry);

    /** The highest log index applied so far (0 for a new state). */
    long appliedIndex();

    /**
     * Writes a consistent copy of the state to {@code file}; returns the log index the copy is at. Called on a
     * thread of its own while entries go on being applied: the copy may hold entries applied after the snapshot
     * began (with its own applied index, so that a replay skips them), never fewer than were applied then.
     */
    long snapshotTo(Path file);

    /**
     * This node left the master candidates' group: drops the state and its applied index, so that, a candidate
     * again, it is rebuilt from the group's log instead of from an old view.
     */
    void leave();

    /**
     * This node founds a new group (a new cluster) on the data it holds: the index applied from an earlier log
     * means nothing in the new one, so it goes back to 0 and the data stays (it becomes the new log's first
     * entry, as a single node's own data does).
     */
    void forgetIndex();

    /**
     * Replaces the state with the copy in {@code file} (made by {@link #snapshotTo}, here or on another
     * candidate), applied index included; leaves it as it is when it has already applied as much as the copy.
     */
    void restoreFrom(Path file);
}
