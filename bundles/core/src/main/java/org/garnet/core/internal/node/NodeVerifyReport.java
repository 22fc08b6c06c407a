package org.garnet.core.internal.node;

import java.util.List;
import java.util.Map;

/**
 * What a node answers to {@code node_verify} (Ganeti's per-node checks of {@code gnt-cluster verify}): problems of
 * its storage directories and of each enabled hypervisor's setup, the instances each hypervisor runs there,
 * the disks it could not assemble (disk UUID → reason), and what each hypervisor's guests really get here
 * (its acceleration, in words; absent from the report of a node from before it was asked).
 */
public record NodeVerifyReport(List<String> storageProblems, Map<String, List<String>> hypervisorProblems,
                               Map<String, List<String>> running, Map<String, String> diskProblems,
                               int version, Map<String, String> hypervisorNotes) {
    public NodeVerifyReport {
        hypervisorNotes = hypervisorNotes == null ? Map.of() : hypervisorNotes;
    }
}
