package org.garnet.core.internal.upgrade;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which releases an automatic upgrade can go to (Ganeti's {@code UpgradeRange}, for Garnet's versions): any later
 * release of the same major version, or back at most one minor version; releases are named as Maven names them
 * ({@code 0.2.0}, {@code 0.1.0-SNAPSHOT}), Karaf knows them by their OSGi form ({@code 0.1.0.SNAPSHOT}).
 */
final class ReleaseRange {
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)(?:[-.]([A-Za-z0-9_-]+))?");

    private ReleaseRange() {
    }

    /** {major, minor, revision}; empty when {@code v} is no version. */
    static Optional<int[]> parse(String v) {
        Matcher m = VERSION.matcher(v == null ? "" : v.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3))});
    }

    /** As releases are named: {@code 0.1.0.SNAPSHOT} → {@code 0.1.0-SNAPSHOT}. */
    static String named(String v) {
        return v.strip().replaceFirst("^(\\d+\\.\\d+\\.\\d+)\\.", "$1-");
    }

    /** Why {@code target} is out of reach from {@code current}; empty when it is within the range. */
    static Optional<String> check(int[] target, int[] current) {
        if (target[0] != current[0]) {
            return Optional.of("major version up- or downgrades are not supported");
        }
        if (target[1] < current[1] - 1) {
            return Optional.of("can only downgrade one minor version at a time");
        }
        return Optional.empty();
    }

    /** Whether going from {@code current} to {@code target} goes back (a downgrade). */
    static boolean down(int[] target, int[] current) {
        return java.util.Arrays.compare(target, current) < 0;
    }
}
