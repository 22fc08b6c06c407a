package org.garnet.core.internal.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.model.Cluster;

/**
 * Applies the parameters of Ganeti's {@code OP_CLUSTER_SET_PARAMS} that Garnet has so far to a cluster. All
 * parameters are checked before anything changes; an unknown parameter is refused.
 */
final class ClusterModify {
    static final Set<String> SUPPORTED = new TreeSet<>(Set.of("enabled_hypervisors", "enabled_disk_templates",
            "master_netdev", "master_netmask", "mac_prefix", "candidate_pool_size", "max_running_jobs",
            "max_tracked_jobs", "default_iallocator", "file_storage_dir", "shared_file_storage_dir", "vg_name",
            "maintain_node_health", "prealloc_wipe_disks", "hvparams", "beparams", "nicparams", "ndparams", "ipolicy", "default_iallocator_params",
            "diskparams", "extstorage_search_path"));

    private ClusterModify() {
    }

    static Cluster apply(Cluster current, Map<String, Object> params) {
        var unknown = Names.invalid(params.keySet(), SUPPORTED);
        if (!unknown.isEmpty()) {
            throw new GanetiException(org.garnet.api.ErrorClass.ParameterError, String.join(", ", unknown),
                    ErrorCode.ECODE_INVAL);
        }
        Cluster.Builder b = current.toBuilder();
        for (Map.Entry<String, Object> e : params.entrySet()) {
            String k = e.getKey();
            Object v = e.getValue();
            switch (k) {
                case "enabled_hypervisors" -> {
                    var hvs = Params.asList(k, v);
                    Checks.hypervisors(hvs);
                    b.enabledHypervisors(hvs);
                }
                case "enabled_disk_templates" -> {
                    var templates = Params.asList(k, v);
                    Checks.diskTemplates(templates);
                    b.enabledDiskTemplates(templates);
                }
                case "master_netdev" -> {
                    String dev = Params.asString(k, v);
                    Checks.netdev(dev);
                    b.masterNetdev(dev);
                }
                case "master_netmask" -> {
                    int mask = Params.asInt(k, v);
                    Checks.netmask(mask, current.primaryIpVersion());
                    b.masterNetmask(mask);
                }
                case "mac_prefix" -> {
                    String prefix = Params.asString(k, v);
                    Checks.macPrefix(prefix);
                    b.macPrefix(prefix);
                }
                case "candidate_pool_size" -> {
                    int size = Params.asInt(k, v);
                    if (size < 1) {
                        throw GanetiException.prereq("At least one master candidate needed", ErrorCode.ECODE_INVAL);
                    }
                    b.candidatePoolSize(size);
                }
                case "max_running_jobs" -> b.maxRunningJobs(positive(k, v));
                case "max_tracked_jobs" -> b.maxTrackedJobs(positive(k, v));
                case "default_iallocator" -> b.defaultIallocator(Params.asString(k, v));
                case "file_storage_dir" -> b.fileStorageDir(absolute(k, v, "File storage"));
                case "shared_file_storage_dir" -> b.sharedFileStorageDir(absolute(k, v, "Shared file storage"));
                case "vg_name" -> b.volumeGroupName(Params.asString(k, v));
                case "maintain_node_health" -> b.maintainNodeHealth(Params.asBool(k, v));
                case "prealloc_wipe_disks" -> b.preallocWipeDisks(Params.asBool(k, v));
                case "hvparams" -> b.hvparams(hvparams(current, Params.asDict(k, v)));
                case "beparams" -> b.beparams(Defaults.merged(current.beparams(), Params.asDict(k, v)));
                case "nicparams" -> b.nicparams(Defaults.merged(current.nicparams(), Params.asDict(k, v)));
                case "diskparams" -> b.diskparams(diskparams(current, Params.asDict(k, v)));
                case "ndparams" -> b.ndparams(Defaults.merged(current.ndparams(), Params.asDict(k, v)));
                case "default_iallocator_params" -> b.defaultIallocatorParams(Params.asDict(k, v));
                case "extstorage_search_path" -> b.extStorageSearchPath(searchPath(k, v));
                case "ipolicy" -> b.ipolicy(org.garnet.core.internal.policy.IPolicies.merge(current.ipolicy(),
                        Params.asDict(k, v)));
                default -> throw new IllegalStateException("unhandled parameter " + k);
            }
        }
        return b.build();
    }

    private static int positive(String k, Object v) {
        int n = Params.asInt(k, v);
        Checks.positive(k, n);
        return n;
    }

    private static String absolute(String k, Object v, String what) {
        String dir = Params.asString(k, v);
        Checks.absoluteDir(dir, what);
        return dir;
    }

    /**
     * The ExtStorage search path given (Garnet's: Ganeti fixes it at build time): absolute directories, in
     * order, without repeats; empty for each node's default.
     */
    private static List<String> searchPath(String k, Object v) {
        List<String> out = new ArrayList<>();
        for (String dir : Params.asList(k, v)) {
            String d = dir.strip();
            if (d.isEmpty() || out.contains(d)) {
                continue;
            }
            Checks.absoluteDir(d, "ExtStorage search path");
            out.add(d);
        }
        return out;
    }

    /** Ganeti's {@code DISK_DT_DEFAULTS} keys: what {@code -D template:key=value} may set per template. */
    static final Map<String, Set<String>> DISK_PARAMETERS = Map.of("ext", Set.of("access"),
            "rbd", Set.of("pool", "access"), "gluster", Set.of("host", "port", "volume", "access"),
            "plain", Set.of("stripes"), "file", Set.of(), "sharedfile", Set.of(), "diskless", Set.of(),
            "blockdev", Set.of(), "drbd", Set.of("resync-rate", "data-stripes", "meta-stripes", "disk-barriers",
                    "meta-barriers", "dynamic-resync", "c-plan-ahead", "c-fill-target", "c-delay-target",
                    "c-max-rate", "c-min-rate", "disk-custom", "net-custom", "protocol"));

    /**
     * The cluster's disk parameters with those given merged in per template (Ganeti's LUClusterSetParams): only
     * Ganeti's keys ("Provided option keys not supported: ext/colour"), and {@code access} one of kernelspace,
     * userspace.
     */
    private static Map<String, Map<String, Object>> diskparams(Cluster current, Map<String, Object> given) {
        List<String> unknown = new ArrayList<>();
        Map<String, Map<String, Object>> out = new LinkedHashMap<>(current.diskparams());
        for (Map.Entry<String, Object> e : given.entrySet()) {
            String t = e.getKey();
            Map<String, Object> params = Params.asDict("diskparams." + t, e.getValue());
            Set<String> known = DISK_PARAMETERS.get(t);
            if (known == null) {
                unknown.add(t);
                continue;
            }
            params.keySet().stream().filter(key -> !known.contains(key)).sorted().forEach(key -> unknown.add(t + "/"
                    + key));
            Object access = params.get("access");
            if (access != null && !Set.of("kernelspace", "userspace").contains(String.valueOf(access))) {
                throw GanetiException.prereq("While verify diskparams options: Invalid value of '" + t + ":access': '"
                        + access + "' (expected one of kernelspace, userspace)", ErrorCode.ECODE_INVAL);
            }
            out.put(t, Defaults.merged(current.diskparams().getOrDefault(t, Map.of()), params));
        }
        if (!unknown.isEmpty()) {
            throw GanetiException.prereq("While verify diskparams options: Provided option keys not supported: "
                    + String.join(", ", unknown), ErrorCode.ECODE_INVAL);
        }
        return out;
    }

    private static Map<String, Map<String, Object>> hvparams(Cluster current, Map<String, Object> given) {
        var bad = Names.invalid(given.keySet(), Names.HYPERVISORS);
        if (!bad.isEmpty()) {
            throw GanetiException.prereq("Hypervisor parameters given for invalid hypervisors: " + Names.pySet(bad),
                    ErrorCode.ECODE_INVAL);
        }
        Map<String, Map<String, Object>> out = new LinkedHashMap<>(current.hvparams());
        given.forEach((hv, params) -> out.put(hv,
                Defaults.merged(current.hvparams().getOrDefault(hv, Map.of()), Params.asDict("hvparams." + hv, params))));
        return out;
    }
}
