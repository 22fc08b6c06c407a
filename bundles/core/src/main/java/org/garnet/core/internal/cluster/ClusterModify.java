package org.garnet.core.internal.cluster;

import java.util.LinkedHashMap;
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
            "maintain_node_health", "prealloc_wipe_disks", "hvparams", "beparams", "nicparams", "ndparams", "ipolicy", "default_iallocator_params"));

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
                case "ndparams" -> b.ndparams(Defaults.merged(current.ndparams(), Params.asDict(k, v)));
                case "default_iallocator_params" -> b.defaultIallocatorParams(Params.asDict(k, v));
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
