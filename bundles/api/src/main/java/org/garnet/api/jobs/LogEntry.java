package org.garnet.api.jobs;

/** One opcode log line: {@code [serial, [sec, usec], type, message]}; type is usually {@code message}. */
public record LogEntry(long serial, Timestamp timestamp, String type, String message) {
}
