package org.garnet.core.internal.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ClusterInitRequest;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.InstancePolicy;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;
import org.garnet.core.internal.node.LocalNode;

/**
 * Checks {@code gnt-cluster init}'s parameters in Ganeti's order and with its messages, then builds the first
 * configuration: the cluster, the node group {@code default} and this node as master. Nothing is written here.
 */
final class ClusterInit {
    /** The objects of a new cluster. */
    record Result(Cluster cluster, NodeGroup group, Node master) {
    }

    private final LocalNode local;
    private final Path dataRoot;

    ClusterInit(LocalNode local, Path dataRoot) {
        this.local = local;
        this.dataRoot = dataRoot;
    }

    Result build(ClusterInitRequest r) {
        if (r.clusterName() == null || r.clusterName().isBlank()) {
            throw GanetiException.prereq("A cluster name is required", ErrorCode.ECODE_INVAL);
        }
        List<String> hvs = Objects.requireNonNullElse(r.enabledHypervisors(), Names.DEFAULT_HYPERVISORS);
        Checks.hypervisors(hvs);
        List<String> templates = Objects.requireNonNullElse(r.enabledDiskTemplates(), Names.DEFAULT_DISK_TEMPLATES);
        Checks.diskTemplates(templates);
        int ipVersion = Objects.requireNonNullElse(r.primaryIpVersion(), 4);
        if (ipVersion != 4 && ipVersion != 6) {
            throw GanetiException.prereq("Invalid primary ip version: " + ipVersion + ".", ErrorCode.ECODE_INVAL);
        }
        String masterIp = Checks.resolve(r.clusterName());
        String secondary = r.secondaryIp() == null ? local.address() : r.secondaryIp();
        Checks.secondaryIp(secondary);
        int netmask = Objects.requireNonNullElse(r.masterNetmask(), ipVersion == 6 ? 128 : 32);
        Checks.netmask(netmask, ipVersion);
        String fileDir = Objects.requireNonNullElse(r.fileStorageDir(), dataRoot.resolve("file-storage").toString());
        String sharedDir = Objects.requireNonNullElse(r.sharedFileStorageDir(),
                dataRoot.resolve("shared-file-storage").toString());
        Checks.absoluteDir(fileDir, "File storage");
        Checks.absoluteDir(sharedDir, "Shared file storage");
        String macPrefix = Objects.requireNonNullElse(r.macPrefix(), Defaults.MAC_PREFIX);
        Checks.macPrefix(macPrefix);
        String netdev = Objects.requireNonNullElse(r.masterNetdev(), Defaults.MASTER_NETDEV);
        Checks.netdev(netdev);
        int poolSize = Objects.requireNonNullElse(r.candidatePoolSize(), Defaults.CANDIDATE_POOL_SIZE);
        Checks.positive("candidate_pool_size", poolSize);
        if (r.hvparams() != null) {
            var bad = Names.invalid(r.hvparams().keySet(), Names.HYPERVISORS);
            if (!bad.isEmpty()) {
                throw GanetiException.prereq("Hypervisor parameters given for invalid hypervisors: "
                        + Names.pySet(bad), ErrorCode.ECODE_INVAL);
            }
        }

        String groupUuid = UUID.randomUUID().toString();
        String nodeUuid = UUID.randomUUID().toString();
        Node master = new Node(nodeUuid, local.name(), 0, 0, 0, local.address(), secondary, groupUuid, true, false,
                false, true, true, null, Map.of(), Set.of());
        NodeGroup group = new NodeGroup(groupUuid, "default", 0, 0, 0, "preferred", Map.of(), Map.of(), null,
                List.of(), Set.of());
        Cluster cluster = new Cluster(UUID.randomUUID().toString(), r.clusterName(), 0, 0, 0, nodeUuid, masterIp,
                netdev, netmask, ipVersion, macPrefix, hvs, templates, fileDir, sharedDir,
                vgName(r.vgName(), templates), poolSize, Defaults.MAX_RUNNING_JOBS,
                Defaults.MAX_TRACKED_JOBS, defaultIallocator(r.defaultIallocator()), false, false,
                Defaults.filled(Defaults.hvparams(), r.hvparams()), Defaults.merged(Defaults.beparams(), r.beparams()),
                Defaults.merged(Defaults.nicparams(), r.nicparams()),
                Defaults.merged(Defaults.ndparams(), r.ndparams()), Defaults.filled(Defaults.diskparams(), null),
                InstancePolicy.defaults(templates),
                Set.of(), r.defaultIallocatorParams() == null ? Map.of() : r.defaultIallocatorParams(), null);
        return new Result(cluster, group, master);
    }

    /** Ganeti's rule: without {@code --vg-name}, the default volume group only when an LVM template is enabled. */
    static String vgName(String given, List<String> templates) {
        if (given != null) {
            return given.isEmpty() ? null : given;
        }
        return templates.contains("plain") || templates.contains("drbd") ? Defaults.VG_NAME : null;
    }

    /**
     * Ganeti's rule: a given default allocator must exist in the IAllocator search path; without one, {@code hail}
     * becomes the default when it is installed.
     */
    static String defaultIallocator(String given) {
        var allocators = new org.garnet.core.internal.iallocator.Allocators(
                org.garnet.core.internal.iallocator.Allocators.SEARCH_PATH);
        if (given != null && !given.isEmpty()) {
            if (!allocators.exists(given)) {
                throw org.garnet.api.GanetiException.prereq("Invalid default iallocator script '" + given
                        + "' specified", org.garnet.api.ErrorCode.ECODE_INVAL);
            }
            return given;
        }
        return allocators.exists("hail") ? "hail" : "";
    }

    /** Creates the storage directories a new cluster uses. */
    static void prepareDirectories(Cluster cluster) {
        for (String dir : List.of(cluster.fileStorageDir(), cluster.sharedFileStorageDir())) {
            try {
                Files.createDirectories(Path.of(dir));
            } catch (IOException e) {
                throw GanetiException.prereq("Cannot create file storage directory '" + dir + "': "
                        + e.getMessage(), ErrorCode.ECODE_ENVIRON);
            }
        }
    }
}
