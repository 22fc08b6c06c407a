package org.garnet.release.agent.internal;

/** Release versions as releases are named (Maven's {@code 0.1.0-SNAPSHOT}) and as Karaf knows them (OSGi's). */
final class Versions {
    private Versions() {
    }

    static String named(String v) {
        return v.strip().replaceFirst("^(\\d+\\.\\d+\\.\\d+)\\.", "$1-");
    }

    static String osgi(String v) {
        return v.strip().replaceFirst("^(\\d+\\.\\d+\\.\\d+)-", "$1.");
    }

    /** The version a dependency names: itself, or the lower bound of its range ({@code [V,V]}). */
    static String lowerBound(String v) {
        String s = v.strip();
        if (s.startsWith("[") || s.startsWith("(")) {
            s = s.substring(1).split(",")[0].strip();
        }
        return s;
    }
}
