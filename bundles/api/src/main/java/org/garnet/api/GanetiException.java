package org.garnet.api;

import java.util.Objects;

/**
 * An error a user is meant to read: Ganeti's error class, a message and (for prerequisite errors) an error code.
 * Every layer (shell, RAPI, job results) renders it in Ganeti's wording; it never carries a stack trace to a user.
 */
public class GanetiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorClass errorClass;
    private final ErrorCode code;

    public GanetiException(ErrorClass errorClass, String message, ErrorCode code) {
        super(message);
        this.errorClass = Objects.requireNonNull(errorClass);
        this.code = code;
    }

    /** {@code OpPrereqError(message, code)}. */
    public static GanetiException prereq(String message, ErrorCode code) {
        return new GanetiException(ErrorClass.OpPrereqError, message, code);
    }

    /** {@code OpExecError(message)}. */
    public static GanetiException exec(String message) {
        return new GanetiException(ErrorClass.OpExecError, message, null);
    }

    public ErrorClass errorClass() {
        return errorClass;
    }

    /** The error code, or {@code null} when Ganeti raises this error without one. */
    public ErrorCode code() {
        return code;
    }
}
