package org.garnet.core.internal.lu.instance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.model.Cluster;

/**
 * The parameters of a disk of the {@code ext} template, as Ganeti keeps them: {@code provider}, {@code access}
 * when given, and every key of the disk's specification that is not one of Ganeti's own (the provider's
 * parameters, passed to its scripts as {@code EXTP_*}).
 */
final class ExtDisks {
    static final String EXT = "ext";
    /** Ganeti's {@code IDISK_PARAMS} other than provider and access: never the provider's parameters. */
    private static final Set<String> OWN = Set.of("size", "spindles", "mode", "adopt", "vg", "metavg", "name",
            "uuid", "dev_type");

    private ExtDisks() {
    }

    /** The ExtStorage providers of an instance's {@code ext} disks (its logical ids' first part). */
    static java.util.List<String> providers(java.util.List<org.garnet.api.model.Disk> disks) {
        return disks.stream().filter(d -> EXT.equals(d.devType()) && d.logicalId().size() == 2)
                .map(d -> d.logicalId().get(0)).distinct().toList();
    }

    /** Ganeti's CheckDiskExtProvider: {@code provider} given for an {@code ext} disk, and only there. */
    static void checkProvider(Map<String, Object> disk, String template) {
        Object provider = disk.get("provider");
        if (provider != null && !EXT.equals(template)) {
            throw GanetiException.prereq("The 'provider' option is only valid for the ext disk template, not "
                    + template, ErrorCode.ECODE_INVAL);
        }
        if (provider == null && EXT.equals(template)) {
            throw GanetiException.prereq("Missing provider for template 'ext'", ErrorCode.ECODE_INVAL);
        }
    }

    /** What the disk keeps as its parameters (empty for other templates). */
    static Map<String, Object> diskParams(String template, Map<String, Object> disk) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!EXT.equals(template)) {
            return out;
        }
        out.put("provider", disk.get("provider"));
        disk.forEach((k, v) -> {
            if (!OWN.contains(k) && !"provider".equals(k) && v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The cluster's parameters of the template with the disk's own over them (what the node's driver gets). */
    static Map<String, Object> filled(Cluster cluster, String template, Map<String, Object> diskParams) {
        Map<String, Object> out = new LinkedHashMap<>(cluster.diskparams().getOrDefault(template, Map.of()));
        out.putAll(diskParams);
        return out;
    }
}
