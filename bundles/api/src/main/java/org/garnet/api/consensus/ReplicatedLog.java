package org.garnet.api.consensus;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The master candidates' replicated log. Only the leader (the master) appends; an entry is acknowledged once a
 * majority of the candidates hold it durably and this node has applied it to its {@link ReplicatedState}.
 */
public interface ReplicatedLog {
    /**
     * Appends {@code entry} for the state named {@code state}; completes with what the state's
     * {@link ReplicatedState#apply} returned here, or fails with a {@link NotLeaderException} when this node
     * does not lead, or a {@link ConsensusException} when no majority acknowledged it in time.
     */
    CompletableFuture<byte[]> append(String state, byte[] entry);

    /** Whether this node leads the log now. */
    boolean leading();

    /**
     * Whether this node leads the log and its states have applied every entry committed so far: a new leader
     * (after a restart or an election) may still be applying the log's tail, and what reads its states then
     * (the job queue taking up unfinished jobs) would miss the entries not applied yet.
     */
    default boolean leadingAndApplied() {
        return leading();
    }

    /** The node leading the log as far as this node knows. */
    Optional<String> leader();

    /**
     * Makes this node the leader (for a master failover run on it): returns once it leads, or fails with a
     * {@link ConsensusException} when that cannot happen within {@code timeout} (no majority of the candidates).
     */
    void lead(java.time.Duration timeout);

    /**
     * On the leader, before a planned stop of this member (the master's own swap in an upgrade): hands the lead
     * to the member most up to date, which gets the highest priority meanwhile, so that the group has its leader
     * at once instead of after an election (and this member's stop does not wait for its followers' streams).
     * Returns once another member leads; does nothing on another member or alone; fails with a
     * {@link ConsensusException} when no member took it within {@code timeout}.
     */
    default void handOver(java.time.Duration timeout) {
    }

    /** The group's voting members (node names) as this node knows them. */
    java.util.List<String> members();

    /**
     * On the leader: every member's progress (the leader's own among them); empty on another member, which
     * does not know it.
     */
    default java.util.List<MemberProgress> progress() {
        return java.util.List.of();
    }
}
