package org.garnet.api.release;

import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * {@code gnt-cluster upgrade}: the cluster moves to another release, node by node, the master last. The master's
 * own swap stops the core that started it, so the work is in two parts: {@link #upgrade} does everything up to
 * asking the master's release agent for its swap and says so ({@link Start#masterSwap()}); the core of the release
 * that then runs on the master finishes (or, when the agent took the master back, undoes the rest) and writes what
 * it does to {@link #LOG} in {@code ${karaf.data}/garnet-release/}, ending with a line {@link #END}{@code rc}.
 */
@ProviderType
public interface Upgrades {
    /** The file the finishing core writes its lines to, one per step. */
    String LOG = "upgrade.log";
    /** The last line's start: {@code upgrade-end rc=N}. */
    String END = "upgrade-end rc=";

    /**
     * Runs the upgrade to {@code to} (or, with {@code resume}, the one under way) as far as this core can,
     * telling each step to {@code feedback}. Ganeti's refusals are {@code GanetiException}s with nothing changed.
     */
    Start upgrade(String to, boolean resume, Consumer<String> feedback);

    /**
     * How {@link #upgrade} ended: {@code exitCode} when it ended here; or {@code masterSwap}, the id of the swap
     * request given to the master's agent, with {@code logOffset} the length of {@link #LOG} before it, where the
     * next core's lines start.
     */
    record Start(int exitCode, String masterSwap, long logOffset) {
        public static Start ended(int exitCode) {
            return new Start(exitCode, null, 0);
        }
    }
}
