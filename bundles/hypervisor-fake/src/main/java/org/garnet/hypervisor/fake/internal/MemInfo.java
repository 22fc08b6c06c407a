package org.garnet.hypervisor.fake.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The node's memory as Linux reports it ({@code /proc/meminfo}, MiB); a seam for tests. */
public interface MemInfo {
    long totalMiB();

    long freeMiB();

    static MemInfo proc() {
        return new MemInfo() {
            @Override
            public long totalMiB() {
                return field("MemTotal:");
            }

            @Override
            public long freeMiB() {
                return field("MemAvailable:");
            }
        };
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
