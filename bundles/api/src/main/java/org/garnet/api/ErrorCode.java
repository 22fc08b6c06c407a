package org.garnet.api;

/**
 * Ganeti's error codes (the second argument of {@code OpPrereqError}); {@link #wireName()} is the string Ganeti
 * shows in "error type: ..." and sends over RAPI/LUXI.
 */
public enum ErrorCode {
    ECODE_RESOLVER("resolver_error"),
    ECODE_NORES("insufficient_resources"),
    ECODE_TEMP_NORES("temp_insufficient_resources"),
    ECODE_INVAL("wrong_input"),
    ECODE_STATE("wrong_state"),
    ECODE_NOENT("unknown_entity"),
    ECODE_EXISTS("already_exists"),
    ECODE_NOTUNIQUE("resource_not_unique"),
    ECODE_FAULT("internal_error"),
    ECODE_ENVIRON("environment_error");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
