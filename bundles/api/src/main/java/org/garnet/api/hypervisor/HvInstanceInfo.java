package org.garnet.api.hypervisor;

/** A running instance as the hypervisor reports it: memory in MiB, vcpus, state text, uptime in seconds. */
public record HvInstanceInfo(String name, long memory, int vcpus, String state, long uptimeSeconds) {
}
