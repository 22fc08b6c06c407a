package org.garnet.shell.internal.cluster;

import static org.garnet.shell.internal.format.GenericInfo.entry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.garnet.api.config.ClusterInfo;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.ISpec;
import org.garnet.api.model.InstancePolicy;
import org.garnet.api.model.MinMaxSpec;
import org.garnet.shell.internal.format.GenericInfo.Entry;
import org.garnet.shell.internal.format.PyStr;
import org.garnet.shell.internal.format.Times;

/** The structure {@code gnt-cluster info} prints, in Ganeti's order and wording ({@code ShowClusterConfig}). */
final class ClusterInfoView {
    private ClusterInfoView() {
    }

    static List<Entry> of(ClusterInfo info) {
        Cluster c = info.cluster();
        Map<String, Object> f = info.fixedSettings();
        Map<String, Object> hv = new LinkedHashMap<>();
        c.hvparams().forEach((k, v) -> {
            if (c.enabledHypervisors().contains(k)) {
                hv.put(k, grouped(v));
            }
        });
        return List.of(
                entry("Cluster name", c.name()),
                entry("Cluster UUID", c.uuid()),
                entry("Creation time", Times.format(c.ctime())),
                entry("Modification time", Times.format(c.mtime())),
                entry("Master node", info.masterName()),
                entry("Architecture (this node)", info.architecture() + " (" + info.machine() + ")"),
                entry("Tags", c.tags().isEmpty() ? "(none)" : String.join(", ", c.tags())),
                entry("Default hypervisor", c.defaultHypervisor()),
                entry("Enabled hypervisors", String.join(", ", c.enabledHypervisors())),
                entry("Hypervisor parameters", hv),
                entry("OS-specific hypervisor parameters", Map.of()),
                entry("OS parameters", Map.of()),
                entry("Hidden OSes", list(f.get("hidden_os"), "")),
                entry("Blacklisted OSes", list(f.get("blacklisted_os"), "")),
                entry("Cluster parameters", List.of(
                        entry("candidate pool size", PyStr.of(c.candidatePoolSize())),
                        entry("maximal number of jobs running simultaneously", PyStr.of(c.maxRunningJobs())),
                        entry("maximal number of jobs simultaneously tracked by the scheduler",
                                PyStr.of(c.maxTrackedJobs())),
                        entry("mac prefix", c.macPrefix()),
                        entry("master netdev", c.masterNetdev()),
                        entry("master netmask", PyStr.of(c.masterNetmask())),
                        entry("use external master IP address setup script", PyStr.of(f.get("use_external_mip_script"))),
                        entry("lvm volume group", c.volumeGroupName()),
                        entry("lvm reserved volumes", list(f.get("reserved_lvs"), "(none)")),
                        entry("drbd usermode helper", PyStr.of(f.get("drbd_usermode_helper"))),
                        entry("file storage path", c.fileStorageDir()),
                        entry("shared file storage path", c.sharedFileStorageDir()),
                        entry("gluster storage path", PyStr.of(f.get("gluster_storage_dir"))),
                        entry("maintenance of node health", PyStr.of(c.maintainNodeHealth())),
                        entry("uid pool", list(f.get("uid_pool"), "")),
                        entry("default instance allocator", c.defaultIallocator()),
                        entry("default instance allocator parameters", c.defaultIallocatorParams().isEmpty() ? ""
                                : PyStr.of(c.defaultIallocatorParams())),
                        entry("primary ip version", PyStr.of(c.primaryIpVersion())),
                        entry("preallocation wipe disks", PyStr.of(c.preallocWipeDisks())),
                        entry("OS search path", String.join(", ", info.osSearchPath())),
                        entry("ExtStorage Providers search path", String.join(", ", info.extStorageSearchPath())),
                        entry("enabled disk templates", String.join(", ", c.enabledDiskTemplates())),
                        entry("install image", PyStr.of(f.get("install_image"))),
                        entry("instance communication network", PyStr.of(f.get("instance_communication_network"))),
                        entry("zeroing image", PyStr.of(f.get("zeroing_image"))),
                        entry("compression tools", f.get("compression_tools")),
                        entry("enabled user shutdown", PyStr.of(f.get("enabled_user_shutdown"))),
                        entry("modify ssh setup", PyStr.of(f.get("modify_ssh_setup"))),
                        entry("ssh_key_type", PyStr.of(f.get("ssh_key_type"))),
                        entry("ssh_key_bits", PyStr.of(f.get("ssh_key_bits"))))),
                entry("Default node parameters", grouped(c.ndparams())),
                entry("Default instance parameters", Map.of("default", grouped(c.beparams()))),
                entry("Default nic parameters", Map.of("default", grouped(c.nicparams()))),
                entry("Default disk parameters", grouped(new TreeMap<>(c.diskparams()))),
                entry("Instance policy - limits for instances", org.garnet.shell.internal.format.PolicyView.of(c.ipolicy())),
                entry("Data collectors", dataCollectors(f)));
    }

    /** Ganeti's data collector section: whether each is active and its interval (microseconds) in seconds. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> dataCollectors(Map<String, Object> f) {
        Map<String, Object> active = (Map<String, Object>) f.get("enabled_data_collectors");
        Map<String, Object> intervals = (Map<String, Object>) f.get("data_collector_interval");
        Map<String, Object> out = new TreeMap<>();
        active.forEach((dc, on) -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("active", PyStr.of(on));
            m.put("interval", String.format("%.3fs", ((Number) intervals.get(dc)).longValue() / 1e6));
            out.put(dc, m);
        });
        return out;
    }

    /** A list setting as Ganeti prints it: comma-separated, or {@code empty} when there is nothing. */
    private static String list(Object value, String empty) {
        List<?> l = (List<?>) value;
        return l.isEmpty() ? empty : String.join(", ", l.stream().map(PyStr::of).toList());
    }

    /** Ganeti's {@code _FormatGroupedParams}: nested dictionaries, values as Python's str(). */
    private static Map<String, Object> grouped(Map<String, ?> params) {
        Map<String, Object> out = new TreeMap<>();
        params.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> m ? grouped(cast(m)) : PyStr.of(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> m) {
        return (Map<String, ?>) m;
    }
}
