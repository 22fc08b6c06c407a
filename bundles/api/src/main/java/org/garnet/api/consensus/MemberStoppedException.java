package org.garnet.api.consensus;

/**
 * This node's member of the group was stopping (it restarts: the node joined another cluster, took a new
 * certificate, or shuts down) and refused the entry before taking it: the entry is not in the log, and may be
 * appended again through the member that follows.
 */
public class MemberStoppedException extends ConsensusException {
    private static final long serialVersionUID = 1L;

    public MemberStoppedException(String message, Throwable cause) {
        super(message, cause);
    }
}
