package org.garnet.shell.internal.cluster;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.config.ClusterInitRequest;
import org.garnet.api.ReasonEntry;
import org.garnet.api.config.ClusterService;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.shell.internal.jobs.JobAction;
import org.garnet.shell.internal.format.KeyValues;

/** {@code gnt-cluster init [opts] NAME}. */
@Service
@Command(scope = "gnt.cluster", name = "init", description = "Initialises a new cluster configuration")
public class InitCommand implements Action {
    @Reference
    JobQueue queue;
    @Reference
    ClusterService cluster;

    @Option(name = "--secondary-ip", aliases = "-s", description = "Specify the secondary ip for the node")
    String secondaryIp;
    @Option(name = "--enabled-hypervisors", description = "Comma-separated list of hypervisors")
    String hypervisors;
    @Option(name = "--enabled-disk-templates", description = "Comma-separated list of disk templates")
    String diskTemplates;
    @Option(name = "--master-netdev", description = "The node interface on which the master IP is added")
    String masterNetdev;
    @Option(name = "--master-netmask", description = "Specify the netmask of the master IP")
    Integer masterNetmask;
    @Option(name = "--mac-prefix", aliases = "-m", description = "MAC prefix for instances, XX:XX:XX")
    String macPrefix;
    @Option(name = "--file-storage-dir", description = "Default directory for file-based disks")
    String fileStorageDir;
    @Option(name = "--shared-file-storage-dir", description = "Default directory for shared file-based disks")
    String sharedFileStorageDir;
    @Option(name = "--vg-name", description = "Volume group name for LVM disks")
    String vgName;
    @Option(name = "--candidate-pool-size", aliases = "-C", description = "Set the candidate pool size")
    Integer candidatePoolSize;
    @Option(name = "--primary-ip-version", description = "Cluster-wide IP version for primary IP (4|6)")
    Integer primaryIpVersion;
    @Option(name = "--default-iallocator-params", description = "Default instance allocator parameters "
            + "(key=value,...; a bare key means true)")
    String iallocatorParams;
    @Option(name = "--default-iallocator", aliases = "-I", description = "Set the default instance allocator")
    String iallocator;
    @Option(name = "--hypervisor-parameters", aliases = "-H", multiValued = true,
            description = "Hypervisor and options: hypervisor:option=value,...")
    List<String> hvparams;
    @Option(name = "--backend-parameters", aliases = "-B", description = "Backend parameters")
    String beparams;
    @Option(name = "--nic-parameters", aliases = "-N", description = "NIC parameters")
    String nicparams;
    @Option(name = "--node-parameters", description = "Node parameters")
    String ndparams;
    @Option(name = "--no-etc-hosts", description = "Don't modify /etc/hosts (Garnet never does)")
    boolean noEtcHosts;
    @Option(name = "--no-ssh-init", description = "Don't initialize SSH keys (Garnet never does)")
    boolean noSshInit;

    @Argument(name = "cluster-name", required = true, description = "The cluster's name (must resolve)")
    String name;

    @Override
    public Object execute() {
        cluster.init(new ClusterInitRequest(name, secondaryIp, KeyValues.list(hypervisors),
                KeyValues.list(diskTemplates), masterNetdev, masterNetmask, macPrefix, fileStorageDir,
                sharedFileStorageDir, vgName, candidatePoolSize, primaryIpVersion, iallocator,
                hvparams == null ? null : KeyValues.grouped(hvparams, "-H"),
                beparams == null ? null : KeyValues.parse(beparams),
                nicparams == null ? null : KeyValues.parse(nicparams),
                ndparams == null ? null : KeyValues.parse(ndparams),
                iallocatorParams == null ? null : KeyValues.parse(iallocatorParams)));
        // Ganeti's init ends with an OP_CLUSTER_POST_INIT job (job 1 of the new cluster)
        OpCode post = OpCode.of("OP_CLUSTER_POST_INIT", java.util.Map.of());
        post = new OpCode(post.opId(), post.params(), null, post.priority(), post.depends(),
                List.of(new ReasonEntry("gnt:client:gnt-cluster", "init", System.currentTimeMillis() * 1_000_000L)),
                false, 0);
        JobAction.follow(queue, queue.submit(List.of(post)));
        return null;
    }
}
