package org.garnet.api.config;

/**
 * Figures read live from a node (Ganeti's node "live" fields): memory in MiB ({@code mtotal}, {@code mnode},
 * {@code mfree}), CPUs ({@code ctotal}, {@code cnodes}, {@code csockets}, {@code cnos}), storage of the
 * cluster's default storage in MiB ({@code dtotal}, {@code dfree}), and the boot id.
 */
public record NodeLiveData(long memoryTotal, long memoryDom0, long memoryFree, int cpuTotal, int cpuNodes,
                           int cpuSockets, int cpuDom0, long storageSize, long storageFree, String bootId) {
}
