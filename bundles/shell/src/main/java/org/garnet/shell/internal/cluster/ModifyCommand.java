package org.garnet.shell.internal.cluster;

import org.garnet.shell.internal.format.Streams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.shell.internal.jobs.JobAction;
import org.garnet.shell.internal.format.KeyValues;

/** {@code gnt-cluster modify}: builds {@code OP_CLUSTER_SET_PARAMS} parameters from Ganeti's flags. */
@Service
@Command(scope = "gnt.cluster", name = "modify", description = "Alters the parameters of the cluster")
public class ModifyCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Option(name = "--enabled-hypervisors", description = "Comma-separated list of hypervisors")
    String hypervisors;
    @Option(name = "--enabled-disk-templates", description = "Comma-separated list of disk templates")
    String diskTemplates;
    @Option(name = "--master-netdev", description = "The node interface on which the master IP is added")
    String masterNetdev;
    @Option(name = "--master-netmask", description = "Specify the netmask of the master IP")
    String masterNetmask;
    @Option(name = "--mac-prefix", aliases = "-m", description = "MAC prefix for instances, XX:XX:XX")
    String macPrefix;
    @Option(name = "--candidate-pool-size", aliases = "-C", description = "Set the candidate pool size")
    String candidatePoolSize;
    @Option(name = "--max-running-jobs", description = "Maximal number of jobs running simultaneously")
    String maxRunningJobs;
    @Option(name = "--max-tracked-jobs", description = "Maximal number of jobs tracked by the scheduler")
    String maxTrackedJobs;
    @Option(name = "--default-iallocator", aliases = "-I", description = "Set the default instance allocator")
    String iallocator;
    @Option(name = "--file-storage-dir", description = "Default directory for file-based disks")
    String fileStorageDir;
    @Option(name = "--shared-file-storage-dir", description = "Default directory for shared file-based disks")
    String sharedFileStorageDir;
    @Option(name = "--vg-name", description = "Volume group name for LVM disks")
    String vgName;
    @Option(name = "--maintain-node-health", description = "yes|no")
    String maintainNodeHealth;
    @Option(name = "--prealloc-wipe-disks", description = "yes|no")
    String preallocWipeDisks;
    @Option(name = "--hypervisor-parameters", aliases = "-H", multiValued = true,
            description = "Hypervisor and options: hypervisor:option=value,...")
    List<String> hvparams;
    @Option(name = "--disk-parameters", aliases = "-D", multiValued = true, description = "Disk template "
            + "parameters, in the format template:option=value,option=value,...")
    List<String> diskparams;
    @Option(name = "--backend-parameters", aliases = "-B", description = "Backend parameters")
    String beparams;
    @Option(name = "--nic-parameters", aliases = "-N", description = "NIC parameters")
    String nicparams;
    @Option(name = "--node-parameters", description = "Node parameters")
    String ndparams;
    @Option(name = "--default-iallocator-params", description = "Default instance allocator parameters "
            + "(key=value,...; a bare key means true)")
    String iallocatorParams;
    @Option(name = "--extstorage-search-path", description = "Comma-separated list of directories where every "
            + "node looks for ExtStorage providers (Garnet's; an empty value gives each node its default)")
    String extStorageSearchPath;
    @Option(name = "--ipolicy-bounds-specs", description = "Instance policy bounds: min:SPECS/max:SPECS[//...]")
    String ipolicyBounds;
    @Option(name = "--ipolicy-std-specs", description = "Instance policy standard specs")
    String ipolicyStd;
    @Option(name = "--ipolicy-disk-templates", description = "Comma-separated list of allowed disk templates")
    String ipolicyTemplates;
    @Option(name = "--ipolicy-vcpu-ratio", description = "The maximum allowed vcpu-to-cpu ratio")
    String ipolicyVcpuRatio;
    @Option(name = "--ipolicy-spindle-ratio", description = "The maximum allowed instances to spindle ratio")
    String ipolicySpindleRatio;

    @Override
    public Object execute() {
        Map<String, Object> p = new LinkedHashMap<>();
        put(p, "enabled_hypervisors", KeyValues.list(hypervisors));
        put(p, "enabled_disk_templates", KeyValues.list(diskTemplates));
        put(p, "master_netdev", masterNetdev);
        put(p, "master_netmask", integer(masterNetmask));
        put(p, "mac_prefix", macPrefix);
        put(p, "candidate_pool_size", integer(candidatePoolSize));
        put(p, "max_running_jobs", integer(maxRunningJobs));
        put(p, "max_tracked_jobs", integer(maxTrackedJobs));
        put(p, "default_iallocator", iallocator);
        put(p, "file_storage_dir", fileStorageDir);
        put(p, "shared_file_storage_dir", sharedFileStorageDir);
        put(p, "vg_name", vgName);
        put(p, "extstorage_search_path", KeyValues.list(extStorageSearchPath));
        put(p, "maintain_node_health", KeyValues.yesNo(maintainNodeHealth));
        put(p, "prealloc_wipe_disks", KeyValues.yesNo(preallocWipeDisks));
        put(p, "hvparams", hvparams == null ? null : KeyValues.grouped(hvparams, "-H"));
        put(p, "beparams", beparams == null ? null : KeyValues.parse(beparams));
        put(p, "nicparams", nicparams == null ? null : KeyValues.parse(nicparams));
        put(p, "diskparams", diskparams == null ? null : KeyValues.grouped(diskparams, "-D"));
        put(p, "ndparams", ndparams == null ? null : KeyValues.parse(ndparams));
        put(p, "default_iallocator_params", iallocatorParams == null ? null : KeyValues.parse(iallocatorParams));
        put(p, "ipolicy", org.garnet.shell.internal.format.IPolicyOptions.build(ipolicyBounds, ipolicyStd,
                ipolicyTemplates, ipolicyVcpuRatio, ipolicySpindleRatio));
        if (p.isEmpty()) {
            Streams.err().println("Please give at least one of the parameters.");
            return 1;
        }
        runJob(queue, List.of(OpCode.of("OP_CLUSTER_SET_PARAMS", p)));
        return null;
    }

    @Override
    protected String tool() {
        return "gnt-cluster";
    }

    @Override
    protected String command() {
        return "modify";
    }

    /** An integer option as a number; left as text (and refused by the opcode check) when it is not one. */
    private static Object integer(String v) {
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return v;
        }
    }

    private static void put(Map<String, Object> p, String key, Object value) {
        if (value != null) {
            p.put(key, value);
        }
    }
}
