package org.garnet.htools.model;

/** Node group allocation policy; declaration order is Ganeti's preference order. */
public enum AllocPolicy {
    PREFERRED("preferred"), LAST_RESORT("last_resort"), UNALLOCABLE("unallocable");

    public final String raw;

    AllocPolicy(String raw) {
        this.raw = raw;
    }

    public static AllocPolicy fromRaw(String s) throws HtoolsException {
        for (AllocPolicy p : values()) {
            if (p.raw.equals(s)) {
                return p;
            }
        }
        throw new HtoolsException("Invalid string value for type AllocPolicy: \"" + s + "\"");
    }
}
