package org.garnet.core.internal.cluster;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Ganeti's lists of valid names and how its messages print a set of wrong ones. */
final class Names {
    static final List<String> HYPERVISORS = List.of("chroot", "fake", "kvm", "lxc", "xen-hvm", "xen-pvm");
    static final List<String> DISK_TEMPLATES = List.of("blockdev", "diskless", "drbd", "ext", "file", "gluster",
            "plain", "rbd", "sharedfile");
    static final List<String> DEFAULT_HYPERVISORS = List.of("xen-pvm");
    static final List<String> DEFAULT_DISK_TEMPLATES = List.of("drbd", "plain");

    private Names() {
    }

    /** The entries of {@code given} not in {@code valid}, or empty. */
    static Set<String> invalid(Collection<String> given, Collection<String> valid) {
        Set<String> bad = new TreeSet<>(given);
        bad.removeAll(valid);
        return bad;
    }

    /** Python's repr of a set of strings, as Ganeti's messages show it: {'a', 'b'}. */
    static String pySet(Set<String> values) {
        return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", ", "{", "}"));
    }
}
