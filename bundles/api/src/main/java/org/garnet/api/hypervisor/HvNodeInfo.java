package org.garnet.api.hypervisor;

/**
 * Node figures in MiB and CPUs, with Ganeti's meanings: {@code memoryDom0} is what the node itself uses,
 * {@code memoryFree} what instances may still get.
 */
public record HvNodeInfo(long memoryTotal, long memoryFree, long memoryDom0, int cpuTotal, int cpuNodes,
                         int cpuSockets, int cpuDom0) {
}
