package org.garnet.api.locks;

/**
 * Ganeti 3's lock levels, in acquisition order. A job takes locks level by level, each level at most once,
 * never going back to a lower level; within a level names are taken together.
 */
public enum LockLevel {
    CLUSTER("cluster"), INSTANCE("instance"), NODEGROUP("nodegroup"), NODE("node"), NODE_RES("node-res"),
    NETWORK("network");

    /** The single lock of the cluster level. */
    public static final String BGL = "BGL";

    private final String wireName;

    LockLevel(String wireName) {
        this.wireName = wireName;
    }

    /** Ganeti's name of the level ({@code node-res}, ...), the prefix of its lock names. */
    public String wireName() {
        return wireName;
    }
}
