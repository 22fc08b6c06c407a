package org.garnet.shell.internal.format;

import org.garnet.api.GanetiException;

/** Ganeti's {@code FormatError}: the text a gnt command prints for an error, and its exit code. */
public final class Errors {
    /** Exit code and message. */
    public record Formatted(int exitCode, String message) {
    }

    private Errors() {
    }

    public static Formatted format(GanetiException e) {
        String msg = e.getMessage();
        return switch (e.errorClass()) {
            case ConfigurationError -> new Formatted(2, "Corrupt configuration file: " + msg + "\nAborting.");
            case ResolverError -> new Formatted(1, "Failure: can't resolve hostname '" + msg + "'");
            case OpPrereqError -> new Formatted(1, e.code() != null
                    ? "Failure: prerequisites not met for this operation:\nerror type: " + e.code().wireName()
                      + ", error details:\n" + msg
                    : "Failure: prerequisites not met for this operation:\n" + msg);
            case OpExecError -> new Formatted(1, "Failure: command execution error:\n" + msg);
            case TagError -> new Formatted(1, "Failure: invalid tag(s) given:\n" + msg);
            case ParameterError -> new Formatted(1, "Failure: unknown/wrong parameter name '" + msg + "'");
            case TypeEnforcementError -> new Formatted(1, "Parameter Error: " + msg);
            case JobQueueDrainError -> new Formatted(1,
                    "Failure: the job queue is marked for drain and doesn't accept new requests");
            case JobQueueFull -> new Formatted(1, "Failure: the job queue is full and doesn't accept new job "
                    + "submissions until old jobs are archived");
            case JobLost -> new Formatted(1, "Error checking job status: " + msg);
            default -> new Formatted(1, "Unhandled Ganeti error: " + msg);
        };
    }
}
