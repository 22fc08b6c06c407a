package org.garnet.core.internal.upgrade;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.garnet.api.config.ConfigStore;

/**
 * The configuration's conversion between two releases: the schema steps this release knows whose release lies
 * above the older of the two and at most the newer, run up (oldest first) for an upgrade, down (newest first) for a
 * downgrade.
 */
final class Schema {
    private final List<SchemaStep> steps;

    Schema(List<SchemaStep> steps) {
        this.steps = List.copyOf(steps);
    }

    /** The steps between {@code from} and {@code to}, oldest first. */
    List<SchemaStep> between(String from, String to) {
        int[] a = ReleaseRange.parse(from).orElseThrow();
        int[] b = ReleaseRange.parse(to).orElseThrow();
        int[] low = ReleaseRange.down(a, b) ? a : b;
        int[] high = low == a ? b : a;
        return steps.stream().filter(s -> {
            int[] r = ReleaseRange.parse(s.release()).orElse(null);
            return r != null && java.util.Arrays.compare(r, low) > 0 && java.util.Arrays.compare(r, high) <= 0;
        }).sorted(Comparator.comparing(s -> ReleaseRange.parse(s.release()).orElseThrow(),
                java.util.Arrays::compare)).toList();
    }

    /** Converts the configuration from release {@code from}'s schema to {@code to}'s, telling each step. */
    void convert(ConfigStore store, String from, String to, Consumer<String> out) {
        List<SchemaStep> todo = between(from, to);
        if (todo.isEmpty()) {
            return;
        }
        boolean down = ReleaseRange.down(ReleaseRange.parse(to).orElseThrow(), ReleaseRange.parse(from).orElseThrow());
        out.accept(down ? "Downgrading configuration" : "Upgrading configuration");
        if (down) {
            for (int i = todo.size() - 1; i >= 0; i--) {
                out.accept("  " + todo.get(i).describe() + ": removed (release " + todo.get(i).release() + ")");
                todo.get(i).down(store);
            }
        } else {
            for (SchemaStep s : todo) {
                out.accept("  " + s.describe() + ": added (release " + s.release() + ")");
                s.up(store);
            }
        }
    }
}
