package org.garnet.api.consensus;

/** The replicated log could not take an entry: no majority answered in time, or the log is closed. */
public class ConsensusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConsensusException(String message, Throwable cause) {
        super(message, cause);
    }
}
