package org.garnet.api.jobs;

/** Ganeti's answer to a cancel or change-priority request: {@code (success, message)}. */
public record CancelResult(boolean success, String message) {
}
