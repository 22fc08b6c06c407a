package org.garnet.core.internal.lu.instance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.garnet.api.model.Cluster;
import org.garnet.api.storage.DiskRequest;
import org.garnet.api.storage.StorageSpace;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.model.Node;
import org.garnet.core.internal.rpc.NodeRpc;
import java.util.List;
import org.garnet.core.internal.iallocator.AllocateRequest;

/**
 * The parts of an IAllocator request that describe instances to place ({@code OP_INSTANCE_CREATE},
 * {@code OP_INSTANCE_MULTI_ALLOC}): one {@code allocate} entry per instance, and the live figures of the nodes
 * that could take them (every online vm-capable node, asked through node RPC).
 */
public final class AllocRequests {
    private AllocRequests() {
    }

    /**
     * Live figures of every online, vm-capable node (by UUID) for {@code template}, asked of all nodes at once; a
     * node that does not answer, or lacks the hypervisor, has none (the request shows it offline).
     */
    public static Map<String, AllocateRequest.NodeFigures> figures(NodeRpc rpc, ConfigStore store, Cluster cluster,
                                                            String hvName, String template) {
        String dir = template.equals("sharedfile") ? cluster.sharedFileStorageDir() : cluster.fileStorageDir();
        List<Node> candidates = store.list(Node.class).stream().filter(n -> !n.offline() && n.vmCapable()).toList();
        Map<String, NodeRpc.Outcome<AllocateRequest.NodeFigures>> answers = rpc.each(candidates, node -> {
            StorageSpace space = template.equals("diskless") ? new StorageSpace("diskless", "", 0, 0)
                    : node.template(template).space(new DiskRequest.Location(dir));
            return new AllocateRequest.NodeFigures(node.hypervisor(hvName).nodeInfo(), space);
        });
        Map<String, AllocateRequest.NodeFigures> figures = new LinkedHashMap<>();
        for (Node n : candidates) {
            var answer = answers.get(n.name());
            if (answer != null && answer.ok()) {
                figures.put(n.uuid(), answer.value());
            }
        }
        return figures;
    }

    /**
     * One {@code allocate} request (without its type) for instance {@code name} described by the
     * {@code OP_INSTANCE_CREATE} parameters {@code p}, with the template, hypervisor and OS already resolved.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> instance(Cluster cluster, Map<String, Object> p, String name, String template,
                                        String hvName, String osName, List<Map<String, Object>> disks,
                                        List<Map<String, Object>> nics) {
        Map<String, Object> be = Instances.filledBe(cluster, (Map<String, Object>) p.get("beparams"));
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("name", name);
        req.put("disk_template", template);
        req.put("tags", p.get("tags"));
        req.put("os", osName);
        req.put("vcpus", be.get("vcpus"));
        req.put("memory", Instances.maxMem(be));
        req.put("spindle_use", be.getOrDefault("spindle_use", 1));
        List<Object> ds = new ArrayList<>();
        long total = 0;
        for (Map<String, Object> d : disks) {
            long size = ((Number) d.get("size")).longValue();
            total += size;
            ds.add(Map.of("size", size, "mode", String.valueOf(d.getOrDefault("mode", "rw")), "spindles", 1));
        }
        req.put("disks", ds);
        req.put("disk_space_total", total);
        List<Object> ns = new ArrayList<>();
        for (Map<String, Object> n : nics) {
            Map<String, Object> nm = new LinkedHashMap<>();
            nm.put("mac", n.getOrDefault("mac", "auto"));
            nm.put("ip", n.get("ip"));
            nm.put("mode", n.getOrDefault("mode", cluster.nicparams().getOrDefault("mode", "bridged")));
            nm.put("link", n.getOrDefault("link", cluster.nicparams().getOrDefault("link", "")));
            ns.add(nm);
        }
        req.put("nics", ns);
        req.put("required_nodes", 1);
        req.put("hypervisor", hvName);
        if (p.get("group_name") != null) {
            req.put("group_name", p.get("group_name"));
        }
        return req;
    }
}
