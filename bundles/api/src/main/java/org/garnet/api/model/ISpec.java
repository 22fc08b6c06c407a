package org.garnet.api.model;

/** An instance specification as in Ganeti's ipolicy ({@code memory-size}, {@code cpu-count}, ...). */
public record ISpec(int memorySize, int cpuCount, int diskSize, int diskCount, int nicCount, int spindleUse) {
}
