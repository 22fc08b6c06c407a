package org.garnet.core.internal.node;

import java.util.List;
import java.util.Map;

/**
 * What a node answers to {@code node_verify} (Ganeti's per-node checks of {@code gnt-cluster verify}): problems of
 * its storage directories and of each enabled hypervisor's setup, the instances each hypervisor runs there,
 * and the disks it could not assemble (disk UUID → reason).
 */
public record NodeVerifyReport(List<String> storageProblems, Map<String, List<String>> hypervisorProblems,
                               Map<String, List<String>> running, Map<String, String> diskProblems,
                               int version) {
}
