package org.garnet.core.internal.lu;

import org.garnet.api.lu.LuContext;

/** Collects verify findings as Ganeti prints them ({@code   - ERROR: node node1: message}). */
final class Verifier {
    private final LuContext ctx;
    private final boolean simulate;
    private boolean bad;

    Verifier(LuContext ctx, boolean simulate) {
        this.ctx = ctx;
        this.simulate = simulate;
    }

    void check(boolean ok, String kind, String item, String message) {
        if (!ok) {
            error(kind, item, message);
        }
    }

    void error(String kind, String item, String message) {
        bad = true;
        ctx.feedback("  - ERROR: " + kind + (item == null ? "" : " " + item) + ": " + message);
    }

    /** A finding that does not make the verification fail ({@code   - WARNING: ...}). */
    void warning(String kind, String item, String message) {
        ctx.feedback("  - WARNING: " + kind + (item == null ? "" : " " + item) + ": " + message);
    }

    /** Ganeti's closing notes ({@code   - NOTICE: ...}). */
    void notice(String message) {
        ctx.feedback("  - NOTICE: " + message);
    }

    /** {@code debug_simulate_errors}: report one error as Ganeti's test switch does. */
    void simulated() {
        if (simulate) {
            error("cluster", null, "simulated error (debug_simulate_errors)");
        }
    }

    boolean ok() {
        return !bad;
    }
}
