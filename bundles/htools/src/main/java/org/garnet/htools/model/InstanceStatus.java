package org.garnet.htools.model;

/** Ganeti's instance run states (raw names as in the text format). */
public enum InstanceStatus {
    ADMIN_DOWN("ADMIN_down", false), ADMIN_OFFLINE("ADMIN_offline", false), ERROR_DOWN("ERROR_down", false),
    ERROR_UP("ERROR_up", true), ERROR_NODEDOWN("ERROR_nodedown", true), ERROR_NODEOFFLINE("ERROR_nodeoffline", true),
    RUNNING("running", true), ERROR_WRONGNODE("ERROR_wrongnode", true), USER_DOWN("USER_down", false);

    public final String raw;
    /** Whether an instance in this state occupies memory on its primary node. */
    public final boolean usesMemory;

    InstanceStatus(String raw, boolean usesMemory) {
        this.raw = raw;
        this.usesMemory = usesMemory;
    }

    public static InstanceStatus fromRaw(String s) throws HtoolsException {
        for (InstanceStatus st : values()) {
            if (st.raw.equals(s)) {
                return st;
            }
        }
        throw new HtoolsException("Invalid string value for type InstanceStatus: \"" + s + "\"");
    }
}
