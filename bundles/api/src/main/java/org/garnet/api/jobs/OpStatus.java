package org.garnet.api.jobs;

/** Status of one opcode, in Ganeti's order; the lower-case name is the wire name. */
public enum OpStatus {
    queued, waiting, canceling, running, canceled, success, error;

    /** {@code canceled}, {@code success} and {@code error} are final. */
    public boolean isFinalized() {
        return this == canceled || this == success || this == error;
    }
}
