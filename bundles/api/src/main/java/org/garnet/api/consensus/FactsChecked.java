package org.garnet.api.consensus;

/**
 * Offered once this node, at its start, has asked the other master candidates for their facts and taken those
 * of a newer candidates' group if one exists (a {@code master-failover --no-voting} that happened while it was
 * down): its member starts only then, so it never runs the old group, where it and other returning candidates
 * could make a majority.
 */
public interface FactsChecked {
}
