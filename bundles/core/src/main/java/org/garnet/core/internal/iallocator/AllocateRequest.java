package org.garnet.core.internal.iallocator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.hypervisor.HvNodeInfo;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Disk;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Nic;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;
import org.garnet.api.storage.StorageSpace;
import org.garnet.core.internal.policy.IPolicies;

/**
 * Builds Ganeti's IAllocator request document (version 2) for an {@code allocate} or {@code multi-allocate}
 * request: cluster, node groups, nodes (static and, for usable nodes, dynamic figures), instances, and the
 * request itself. Nodes not in {@code usable} (e.g. whose locks were not free under opportunistic locking, or
 * that cannot be reached) are presented offline, as Ganeti does with its node whitelist.
 */
public final class AllocateRequest {
    /** Live figures of one node, as far as they are known (null = unknown: the node is presented offline). */
    public record NodeFigures(HvNodeInfo memory, StorageSpace disk) {
    }

    private AllocateRequest() {
    }

    public static Map<String, Object> build(ConfigStore store, Cluster cluster, Map<String, NodeFigures> figures,
                                            Set<String> usable, Map<String, Object> allocate) {
        Map<String, Object> request = new LinkedHashMap<>(allocate);
        request.put("type", "allocate");
        return document(store, cluster, figures, usable, request);
    }

    /** A {@code relocate} request: a new node for instance {@code name} instead of {@code from} (node names). */
    public static Map<String, Object> buildRelocate(ConfigStore store, Cluster cluster, Map<String, NodeFigures> figures,
                                                    Set<String> usable, String name, List<String> from) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "relocate");
        request.put("name", name);
        request.put("required_nodes", 1);
        request.put("relocate_from", List.copyOf(from));
        return document(store, cluster, figures, usable, request);
    }

    /** A {@code node-evacuate} request: new places for {@code instances} (names), as {@code mode} says. */
    public static Map<String, Object> buildNodeEvacuate(ConfigStore store, Cluster cluster,
                                                        Map<String, NodeFigures> figures, Set<String> usable,
                                                        List<String> instances, String mode, boolean ignoreSoft) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "node-evacuate");
        request.put("instances", List.copyOf(instances));
        request.put("evac_mode", mode);
        request.put("ignore_soft_errors", ignoreSoft);
        return document(store, cluster, figures, usable, request);
    }

    /** A {@code change-group} request: {@code instances} to any of {@code targetGroups} (uuids). */
    public static Map<String, Object> buildChangeGroup(ConfigStore store, Cluster cluster,
                                                       Map<String, NodeFigures> figures, Set<String> usable,
                                                       List<String> instances, List<String> targetGroups) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "change-group");
        request.put("instances", List.copyOf(instances));
        request.put("target_groups", List.copyOf(targetGroups));
        return document(store, cluster, figures, usable, request);
    }

    /** A {@code multi-allocate} request: {@code allocates} holds one allocate request (without type) per instance. */
    public static Map<String, Object> buildMulti(ConfigStore store, Cluster cluster, Map<String, NodeFigures> figures,
                                                 Set<String> usable, List<Map<String, Object>> allocates) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "multi-allocate");
        request.put("instances", List.copyOf(allocates));
        return document(store, cluster, figures, usable, request);
    }

    private static Map<String, Object> document(ConfigStore store, Cluster cluster, Map<String, NodeFigures> figures,
                                                Set<String> usable, Map<String, Object> request) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", 2);
        doc.put("cluster_name", cluster.name());
        doc.put("cluster_tags", List.copyOf(cluster.tags()));
        doc.put("enabled_hypervisors", cluster.enabledHypervisors());
        doc.put("ipolicy", IPolicies.toDict(cluster.ipolicy()));
        Map<String, Object> groups = new LinkedHashMap<>();
        for (NodeGroup g : store.list(NodeGroup.class)) {
            Map<String, Object> gd = new LinkedHashMap<>();
            gd.put("name", g.name());
            gd.put("alloc_policy", g.allocPolicy());
            gd.put("networks", g.networks());
            gd.put("ipolicy", IPolicies.toDict(g.ipolicy() != null ? g.ipolicy() : cluster.ipolicy()));
            gd.put("tags", List.copyOf(g.tags()));
            groups.put(g.uuid(), gd);
        }
        doc.put("nodegroups", groups);
        List<Instance> instances = store.list(Instance.class);
        Map<String, Object> nodes = new LinkedHashMap<>();
        for (Node n : store.list(Node.class)) {
            NodeFigures f = figures.get(n.uuid());
            boolean offline = n.offline() || !usable.contains(n.uuid()) || f == null;
            Map<String, Object> nd = new LinkedHashMap<>();
            nd.put("tags", List.copyOf(n.tags()));
            nd.put("primary_ip", n.primaryIp());
            nd.put("secondary_ip", n.secondaryIp());
            nd.put("offline", offline);
            nd.put("drained", n.drained());
            nd.put("master_candidate", n.masterCandidate());
            nd.put("group", n.group());
            nd.put("master_capable", n.masterCapable());
            nd.put("vm_capable", n.vmCapable());
            Map<String, Object> ndp = new LinkedHashMap<>(cluster.ndparams());
            ndp.putAll(n.ndparams());
            nd.put("ndparams", ndp);
            if (!offline && !n.drained() && n.vmCapable()) {
                long priMem = 0;
                long priUpMem = 0;
                for (Instance i : instances) {
                    if (i.primaryNode().equals(n.uuid())) {
                        long m = maxMem(cluster, i);
                        priMem += m;
                        if ("up".equals(i.adminState())) {
                            priUpMem += m;
                        }
                    }
                }
                nd.put("total_memory", f.memory().memoryTotal());
                nd.put("reserved_memory", f.memory().memoryDom0());
                nd.put("free_memory", f.memory().memoryFree());
                nd.put("total_disk", f.disk().sizeMiB());
                nd.put("free_disk", f.disk().freeMiB());
                nd.put("total_spindles", 1);
                nd.put("free_spindles", 1);
                nd.put("total_cpus", f.memory().cpuTotal());
                nd.put("reserved_cpus", f.memory().cpuDom0() > 0 ? 1 : 0);
                nd.put("i_pri_memory", priMem);
                nd.put("i_pri_up_memory", priUpMem);
            }
            nodes.put(n.name(), nd);
        }
        doc.put("nodes", nodes);
        Map<String, Object> insts = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        store.list(Node.class).forEach(n -> names.put(n.uuid(), n.name()));
        for (Instance i : instances) {
            Map<String, Object> id = new LinkedHashMap<>();
            Map<String, Object> be = new LinkedHashMap<>(cluster.beparams());
            be.putAll(i.beparams());
            id.put("tags", List.copyOf(i.tags()));
            id.put("admin_state", i.adminState());
            id.put("admin_state_source", i.adminStateSource());
            id.put("vcpus", be.getOrDefault("vcpus", 1));
            id.put("memory", maxMem(cluster, i));
            id.put("spindle_use", be.getOrDefault("spindle_use", 1));
            id.put("os", i.os());
            List<String> inodes = new ArrayList<>();
            inodes.add(names.getOrDefault(i.primaryNode(), i.primaryNode()));
            i.secondaryNodes().forEach(s -> inodes.add(names.getOrDefault(s, s)));
            id.put("nodes", inodes);
            List<Object> nics = new ArrayList<>();
            for (Nic nic : i.nics()) {
                Map<String, Object> nm = new LinkedHashMap<>();
                nm.put("mac", nic.mac());
                nm.put("ip", nic.ip());
                nm.put("mode", nic.mode());
                nm.put("link", nic.link());
                if ("bridged".equals(nic.mode())) {
                    nm.put("bridge", nic.link());
                }
                nics.add(nm);
            }
            id.put("nics", nics);
            List<Object> disks = new ArrayList<>();
            for (Disk d : i.disks()) {
                Map<String, Object> dm = new LinkedHashMap<>();
                dm.put("dev_type", d.devType());
                dm.put("size", d.size());
                dm.put("mode", d.mode());
                dm.put("spindles", d.spindles());
                disks.add(dm);
            }
            id.put("disks", disks);
            id.put("disk_template", i.diskTemplate());
            id.put("disks_active", i.disksActive());
            id.put("hypervisor", i.hypervisor());
            id.put("disk_space_total", i.disks().stream().mapToLong(Disk::size).sum());
            insts.put(i.name(), id);
        }
        doc.put("instances", insts);
        doc.put("request", request);
        return doc;
    }

    private static long maxMem(Cluster cluster, Instance i) {
        Object v = i.beparams().containsKey("maxmem") ? i.beparams().get("maxmem") : cluster.beparams().get("maxmem");
        return v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v));
    }
}
