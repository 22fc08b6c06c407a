package org.garnet.api;

import java.util.Objects;

/**
 * One entry of a reason trail: who ({@code gnt:client:gnt-cluster}, {@code gnt:opcode:...},
 * {@code gnt:library:rlib2:...}), why (free text, may be empty) and when (nanoseconds since the epoch).
 */
public record ReasonEntry(String source, String reason, long timestampNs) {
    public ReasonEntry {
        Objects.requireNonNull(source, "source");
        reason = reason == null ? "" : reason;
    }
}
