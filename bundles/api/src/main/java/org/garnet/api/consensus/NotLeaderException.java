package org.garnet.api.consensus;

import java.util.Optional;

/** This node does not lead the replicated log (it is not the master); names the leader when known. */
public class NotLeaderException extends ConsensusException {
    private static final long serialVersionUID = 1L;
    private final String leader;

    public NotLeaderException(String leader) {
        super(leader == null ? "not the leader, no leader known" : "not the leader; the leader is " + leader, null);
        this.leader = leader;
    }

    /** The leading node's UUID, when known. */
    public Optional<String> leader() {
        return Optional.ofNullable(leader);
    }
}
