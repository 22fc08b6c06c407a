package org.garnet.release.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.osgi.framework.Version;

/** Garnet's release versions as Karaf lists them (features' versions), in release order. */
final class ReleaseVersions {
    /** Oldest first: by OSGi version ({@code 0.1.0-SNAPSHOT} read as {@code 0.1.0.SNAPSHOT}), then as text. */
    static final Comparator<String> ORDER = Comparator.comparing(ReleaseVersions::osgi).thenComparing(s -> s);

    private ReleaseVersions() {
    }

    /**
     * The versions of the features named {@code feature} among {@code features} (name → versions), oldest first,
     * each {@linkplain #named named} as its release is.
     */
    static List<String> of(String feature, List<Map.Entry<String, String>> features) {
        return features.stream().filter(f -> feature.equals(f.getKey())).map(Map.Entry::getValue)
                .filter(Objects::nonNull).map(ReleaseVersions::named).distinct().sorted(ORDER).toList();
    }

    /**
     * A version as its release is named ({@code garnet-0.1.0-SNAPSHOT.kar}, Maven's form), where Karaf gives the
     * OSGi form ({@code 0.1.0.SNAPSHOT}).
     */
    static String named(String v) {
        return v.strip().replaceFirst("^(\\d+\\.\\d+\\.\\d+)\\.", "$1-");
    }

    static Version osgi(String v) {
        String[] parts = v.strip().split("[.-]", 4);
        try {
            int major = parts.length > 0 ? Integer.parseInt(parts[0]) : 0;
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            int micro = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
            String qualifier = parts.length > 3 ? parts[3].replaceAll("[^A-Za-z0-9_-]", "_") : "";
            return new Version(major, minor, micro, qualifier);
        } catch (NumberFormatException e) {
            return Version.emptyVersion;
        }
    }
}
