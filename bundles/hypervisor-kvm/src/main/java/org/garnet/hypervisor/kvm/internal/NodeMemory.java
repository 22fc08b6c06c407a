package org.garnet.hypervisor.kvm.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The node's memory as Linux reports it ({@code /proc/meminfo}), in MiB. */
final class NodeMemory {
    private NodeMemory() {
    }

    static long totalMiB() {
        return field("MemTotal:");
    }

    static long availableMiB() {
        return field("MemAvailable:");
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
