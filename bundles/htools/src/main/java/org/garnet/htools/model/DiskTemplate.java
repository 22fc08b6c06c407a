package org.garnet.htools.model;

/** Ganeti disk templates, in Ganeti's declaration order (which the ipolicy default list follows). */
public enum DiskTemplate {
    DISKLESS("diskless", "DTDiskless", Mirror.EXTERNAL, true),
    FILE("file", "DTFile", Mirror.NONE, false),
    SHAREDFILE("sharedfile", "DTSharedFile", Mirror.EXTERNAL, true),
    PLAIN("plain", "DTPlain", Mirror.NONE, false),
    BLOCK("blockdev", "DTBlock", Mirror.EXTERNAL, false),
    DRBD("drbd", "DTDrbd8", Mirror.INTERNAL, false),
    RBD("rbd", "DTRbd", Mirror.EXTERNAL, true),
    EXT("ext", "DTExt", Mirror.EXTERNAL, true),
    GLUSTER("gluster", "DTGluster", Mirror.EXTERNAL, true);

    /** How an instance's disks are mirrored. */
    public enum Mirror { NONE, INTERNAL, EXTERNAL }

    public final String raw;
    public final String haskellName;
    public final Mirror mirror;
    /** Whether instances can be re-created elsewhere without data copies (shared storage or diskless). */
    public final boolean movable;

    DiskTemplate(String raw, String haskellName, Mirror mirror, boolean movable) {
        this.raw = raw;
        this.haskellName = haskellName;
        this.mirror = mirror;
        this.movable = movable;
    }

    public static DiskTemplate fromRaw(String s) throws HtoolsException {
        for (DiskTemplate t : values()) {
            if (t.raw.equals(s)) {
                return t;
            }
        }
        throw new HtoolsException("Invalid string value for type DiskTemplate: \"" + s + "\"");
    }

    /** Templates that use node-local disk space. */
    public boolean usesLocalStorage() {
        return this == DRBD || this == PLAIN;
    }

    /** Templates whose instances Ganeti can move between nodes (hbal moves). */
    public boolean supportsMoves() {
        return this == DRBD || this == BLOCK || this == SHAREDFILE || this == GLUSTER || this == RBD || this == EXT;
    }

    public int requiredNodes() {
        return this == DRBD ? 2 : 1;
    }
}
