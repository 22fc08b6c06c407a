package org.garnet.release.agent.internal;

import java.time.Duration;
import java.util.List;

/**
 * One swap of a node's bundle set, from the running release to {@code to}: Karaf swaps the set, then the new set
 * must come up (every bundle of it active, and the core saying it is up with that version) within the bound; when
 * it does not — or Karaf refuses it half-way — the set of {@code from} is installed again. Nothing here is Karaf:
 * the {@link Container} is (so the steps are tested without one).
 */
final class Swap {
    /** What the swap needs of the container. */
    interface Container {
        /** The running release (the installed {@code garnet} feature's version, as releases are named). */
        String running();

        /** Swaps the bundle set for release {@code version}'s (Karaf's feature:install -u garnet/V). */
        void install(String version) throws Exception;

        /** What keeps release {@code version} from being up now (bundles not active, core not ready); empty: up. */
        List<String> notUp(String version);

        /** Waits a moment before looking again (bounded by the caller). */
        void pause() throws InterruptedException;

        long nanoTime();
    }

    /** How a swap ended: the state written for whoever asked, and why. */
    record Outcome(String state, String message) {
        static final String DONE = "done";
        static final String FAILED = "failed";
        static final String ROLLED_BACK = "rolled-back";
    }

    private final Container c;
    private final Duration bound;

    Swap(Container c, Duration bound) {
        this.c = c;
        this.bound = bound;
    }

    String running() {
        return c.running();
    }

    /** Swaps from {@code from} to {@code to}; never throws. */
    Outcome run(String from, String to) throws InterruptedException {
        try {
            c.install(to);
        } catch (Exception e) {
            String why = "Karaf could not install release " + to + ": " + message(e);
            // Karaf resolves the whole set before it changes anything: one that does not resolve leaves the old
            if (from.equals(c.running()) && c.notUp(from).isEmpty()) {
                return new Outcome(Outcome.FAILED, why + "; release " + from + " still runs, unchanged");
            }
            return back(from, to, why);
        }
        List<String> why = awaitUp(to);
        if (why.isEmpty()) {
            return new Outcome(Outcome.DONE, "release " + to + " runs");
        }
        return back(from, to, "release " + to + " did not come up within " + bound.toSeconds() + " s: "
                + String.join("; ", why));
    }

    /** Checks a swap that was under way when the container stopped: up, or taken back. */
    Outcome resume(String from, String to) throws InterruptedException {
        if (to.equals(c.running())) {
            List<String> why = awaitUp(to);
            if (why.isEmpty()) {
                return new Outcome(Outcome.DONE, "release " + to + " runs");
            }
            return back(from, to, "release " + to + " did not come up within " + bound.toSeconds() + " s: "
                    + String.join("; ", why));
        }
        return run(from, to);
    }

    private Outcome back(String from, String to, String why) throws InterruptedException {
        try {
            c.install(from);
        } catch (Exception e) {
            return new Outcome(Outcome.FAILED, why + "; and going back to release " + from + " failed: "
                    + message(e));
        }
        List<String> still = awaitUp(from);
        return new Outcome(Outcome.ROLLED_BACK, why + "; release " + from + " installed again"
                + (still.isEmpty() ? " and running" : ", but it is not up either: " + String.join("; ", still)));
    }

    private List<String> awaitUp(String version) throws InterruptedException {
        long deadline = c.nanoTime() + bound.toNanos();
        while (true) {
            List<String> why = c.notUp(version);
            if (why.isEmpty() || c.nanoTime() >= deadline) {
                return why;
            }
            c.pause();
        }
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
