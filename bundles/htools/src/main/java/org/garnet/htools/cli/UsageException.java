package org.garnet.htools.cli;

/** A command line error; {@link #exitCode} is what the tool exits with after printing the message. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;
    public final int exitCode;
    /** Output to print on standard output instead of an error (help, version). */
    public final boolean toStdout;

    public UsageException(String message, int exitCode, boolean toStdout) {
        super(message);
        this.exitCode = exitCode;
        this.toStdout = toStdout;
    }
}
