package org.garnet.htools.model;

/** An instance spec of an ipolicy. */
public record ISpec(int memorySize, int cpuCount, int diskSize, int diskCount, int nicCount, int spindleUse) {
    public static final ISpec DEF_MIN = new ISpec(128, 1, 1024, 1, 1, 1);
    public static final ISpec DEF_STD = new ISpec(128, 1, 1024, 1, 1, 1);
    public static final ISpec DEF_MAX = new ISpec(32768, 8, 1024 * 1024, 16, 8, 12);

    public String serialize() {
        return memorySize + "," + cpuCount + "," + diskSize + "," + diskCount + "," + nicCount + "," + spindleUse;
    }

    /** Haskell record syntax, as {@code hinfo -v -v} prints it. */
    public String show() {
        return "ISpec {iSpecMemorySize = " + memorySize + ", iSpecCpuCount = " + cpuCount + ", iSpecDiskSize = "
                + diskSize + ", iSpecDiskCount = " + diskCount + ", iSpecNicCount = " + nicCount
                + ", iSpecSpindleUse = " + spindleUse + "}";
    }
}
