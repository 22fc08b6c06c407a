package org.garnet.api.consensus;

/**
 * {@code gnt-cluster master-failover --no-voting}: this node's member leaves the master candidates' group, which
 * has no majority to answer (most candidates are down), and founds a new group alone, on the configuration and
 * queue it holds; the other candidates join that group when they are back and given the facts. Offered while
 * this node is a master candidate.
 */
public interface ForcedTakeover {
    /**
     * Founds the new group with this node as its only member and returns once this node leads it; fails with a
     * {@link ConsensusException} when it does not lead within {@code timeout}.
     */
    void takeOverAlone(java.time.Duration timeout);
}
