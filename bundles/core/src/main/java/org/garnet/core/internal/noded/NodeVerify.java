package org.garnet.core.internal.noded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.garnet.api.hypervisor.HvInstanceInfo;
import org.garnet.api.model.Disk;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.node.NodeVerifyReport;

/** The node's side of {@code gnt-cluster verify}: checks done where the things are. */
final class NodeVerify {
    /** Less free space than this in a storage directory is reported (Ganeti warns on low VG space too). */
    static final long MIN_FREE_MIB = 1024;

    private NodeVerify() {
    }

    static NodeVerifyReport run(Drivers drivers, Map<String, String> dirs, List<String> hypervisors,
                                Map<String, Map<String, Object>> hvparams, List<Disk> disks, int version) {
        List<String> storage = new ArrayList<>();
        dirs.forEach((dir, what) -> checkDir(storage, dir, what));
        Map<String, List<String>> hvProblems = new TreeMap<>();
        Map<String, List<String>> running = new TreeMap<>();
        Map<String, String> notes = new TreeMap<>();
        for (String type : hypervisors) {
            // an enabled hypervisor without a bundle yet is not checked (its instances are reported)
            drivers.hypervisor(type).ifPresent(hv -> {
                hvProblems.put(type, hv.verify(hvparams.getOrDefault(type, Map.of())));
                hv.acceleration().ifPresent(a -> notes.put(type, a));
                running.put(type, hv.list().stream().map(HvInstanceInfo::name).toList());
            });
        }
        Map<String, String> diskProblems = new LinkedHashMap<>();
        for (Disk d : disks) {
            var template = drivers.template(d.devType());
            if (template.isEmpty()) {
                diskProblems.put(d.uuid(), "no available template " + d.devType());
                continue;
            }
            try {
                template.get().assemble(d);
            } catch (RuntimeException e) {
                diskProblems.put(d.uuid(), e.getMessage());
            }
        }
        return new NodeVerifyReport(storage, hvProblems, running, diskProblems, version, notes);
    }

    private static void checkDir(List<String> problems, String dir, String what) {
        if (dir == null || dir.isEmpty()) {
            return;
        }
        Path p = Path.of(dir);
        if (!Files.isDirectory(p) || !Files.isWritable(p)) {
            problems.add(what + " '" + dir + "' is missing or not writable");
            return;
        }
        try {
            long freeMiB = Files.getFileStore(p).getUsableSpace() / (1024 * 1024);
            if (freeMiB < MIN_FREE_MIB) {
                problems.add(what + " '" + dir + "' has only " + freeMiB + " MiB free");
            }
        } catch (IOException e) {
            problems.add("can't read the free space of " + what + " '" + dir + "': " + e.getMessage());
        }
    }
}
