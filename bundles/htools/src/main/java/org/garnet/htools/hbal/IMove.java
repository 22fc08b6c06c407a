package org.garnet.htools.hbal;

/** One instance move of the balancer (Ganeti's IMove): a kind and, except for failover, a target node index. */
public record IMove(Kind kind, int target) {
    /** The move kinds, named after Ganeti's constructors. */
    public enum Kind {
        /** Failover/migrate a DRBD instance to its secondary ("f"). */
        FAILOVER,
        /** Failover a shared-storage instance to any node ("fa:n"). */
        FAILOVER_TO_ANY,
        /** Failover, replace the secondary, failover ("f r:n f"). */
        REPLACE_PRIMARY,
        /** Replace the secondary ("r:n"). */
        REPLACE_SECONDARY,
        /** Replace the secondary then failover ("r:n f"). */
        REPLACE_AND_FAILOVER,
        /** Failover then replace the secondary ("f r:n"). */
        FAILOVER_AND_REPLACE
    }

    public static final IMove FAILOVER = new IMove(Kind.FAILOVER, -1);
}
