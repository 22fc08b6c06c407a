package org.garnet.core.internal.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.garnet.api.config.NodeLiveData;

/**
 * Reads this machine's figures the way Ganeti's {@code GetLinuxNodeInfo} does: memory from
 * {@code /proc/meminfo} (free = MemFree + Buffers + Cached, node = total - free), CPUs from
 * {@code /proc/cpuinfo}, and total/free space of the file system holding the storage directory.
 */
public final class LinuxNodeProbe {
    private final Path proc;

    public LinuxNodeProbe() {
        this(Path.of("/proc"));
    }

    LinuxNodeProbe(Path proc) {
        this.proc = proc;
    }

    public NodeLiveData probe(Path storageDir) {
        Map<String, Long> mem = meminfoMiB();
        long total = mem.getOrDefault("MemTotal", 0L);
        long free = mem.getOrDefault("MemFree", 0L) + mem.getOrDefault("Buffers", 0L)
                + mem.getOrDefault("Cached", 0L);
        int cpus = Runtime.getRuntime().availableProcessors();
        int sockets = Math.max(1, physicalIds().size());
        long size = 0;
        long avail = 0;
        Path existing = storageDir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null) {
            try {
                var store = Files.getFileStore(existing);
                size = store.getTotalSpace() / (1024 * 1024);
                avail = store.getUsableSpace() / (1024 * 1024);
            } catch (IOException e) {
                size = 0;
                avail = 0;
            }
        }
        return new NodeLiveData(total, total - free, free, cpus, sockets, sockets, cpus, size, avail, bootId());
    }

    private Map<String, Long> meminfoMiB() {
        Map<String, Long> out = new HashMap<>();
        for (String line : lines(proc.resolve("meminfo"))) {
            String[] parts = line.split(":\\s*");
            if (parts.length == 2) {
                String[] value = parts[1].trim().split("\\s+");
                try {
                    out.put(parts[0], Long.parseLong(value[0]) / 1024);
                } catch (NumberFormatException e) {
                    // not a numeric line: skip it
                }
            }
        }
        return out;
    }

    private Set<String> physicalIds() {
        Set<String> ids = new HashSet<>();
        for (String line : lines(proc.resolve("cpuinfo"))) {
            if (line.startsWith("physical id")) {
                ids.add(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return ids;
    }

    private String bootId() {
        List<String> id = lines(proc.resolve("sys/kernel/random/boot_id"));
        return id.isEmpty() ? "" : id.get(0).trim();
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            return List.of();
        }
    }
}
