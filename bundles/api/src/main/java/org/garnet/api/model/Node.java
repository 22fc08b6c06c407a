package org.garnet.api.model;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A node (a physical machine running one Garnet appliance), with Ganeti's flags. */
public record Node(String uuid, String name, long serialNo, double ctime, double mtime, String primaryIp,
                   String secondaryIp, String group, boolean masterCandidate, boolean drained, boolean offline,
                   boolean masterCapable, boolean vmCapable, Boolean powered, Map<String, Object> ndparams,
                   Set<String> tags) implements ConfigObject {
    public Node {
        ndparams = Map.copyOf(ndparams);
        tags = java.util.Collections.unmodifiableSet(new TreeSet<>(tags));
    }

    @Override
    public Node withMeta(long serialNo, double ctime, double mtime) {
        return new Node(uuid, name, serialNo, ctime, mtime, primaryIp, secondaryIp, group, masterCandidate, drained,
                offline, masterCapable, vmCapable, powered, ndparams, tags);
    }

    public Node withTags(Set<String> newTags) {
        return new Node(uuid, name, serialNo, ctime, mtime, primaryIp, secondaryIp, group, masterCandidate, drained,
                offline, masterCapable, vmCapable, powered, ndparams, newTags);
    }

    /** Ganeti's one-letter role: M(aster), C(andidate), D(rained), O(ffline) or R(egular). */
    public String role(String masterNodeUuid) {
        if (uuid.equals(masterNodeUuid)) {
            return "M";
        }
        if (masterCandidate) {
            return "C";
        }
        if (drained) {
            return "D";
        }
        return offline ? "O" : "R";
    }
}
