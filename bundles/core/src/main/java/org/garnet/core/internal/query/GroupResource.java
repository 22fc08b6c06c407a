package org.garnet.core.internal.query;

import static org.garnet.api.query.FieldKind.number;
import static org.garnet.api.query.FieldKind.other;
import static org.garnet.api.query.FieldKind.text;
import static org.garnet.api.query.FieldKind.timestamp;

import java.util.List;
import org.garnet.api.config.ClusterService;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;

/** Ganeti's node group query fields (those that exist in Garnet so far). */
final class GroupResource extends Resource<GroupResource.Row> {
    record Row(NodeGroup group, List<String> nodes, List<String> instances, org.garnet.api.model.Cluster cluster) {
    }

    private final ConfigStore store;
    private final ClusterService cluster;

    GroupResource(ConfigStore store, ClusterService cluster) {
        this.store = store;
        this.cluster = cluster;
        add(Field.of("name", "Group", text, "Group name", r -> r.group().name()));
        add(Field.of("uuid", "UUID", text, "Group UUID", r -> r.group().uuid()));
        add(Field.of("alloc_policy", "AllocPolicy", text, "Allocation policy for group",
                r -> r.group().allocPolicy()));
        add(Field.of("node_cnt", "Nodes", number, "Number of nodes", r -> r.nodes().size()));
        add(Field.of("node_list", "NodeList", other, "List of nodes", Row::nodes));
        add(Field.of("pinst_cnt", "Instances", number, "Number of primary instances", r -> r.instances().size()));
        add(Field.of("pinst_list", "InstanceList", other, "List of primary instances", Row::instances));
        add(Field.of("ndparams", "NDParams", other, "Node parameters", r -> {
            java.util.Map<String, Object> m = new java.util.TreeMap<>(r.cluster().ndparams());
            m.putAll(r.group().ndparams());
            return m;
        }));
        add(Field.of("custom_ndparams", "CustomNDParams", other, "Custom node parameters",
                r -> new java.util.TreeMap<>(r.group().ndparams())));
        NodeParamFields.addTo(this, r -> {
            java.util.Map<String, Object> m = new java.util.TreeMap<>(r.cluster().ndparams());
            m.putAll(r.group().ndparams());
            return m;
        });
        add(Field.of("diskparams", "DiskParameters", other, "Disk parameters (merged)", r -> {
            java.util.Map<String, Object> m = new java.util.TreeMap<>(r.cluster().diskparams());
            m.putAll(r.group().diskparams());
            return m;
        }));
        add(Field.of("custom_diskparams", "CustomDiskParameters", other, "Custom disk parameters",
                r -> new java.util.TreeMap<>(r.group().diskparams())));
        add(Field.of("ipolicy", "InstancePolicy", other, "Instance policy limitations (merged)",
                r -> org.garnet.core.internal.policy.IPolicies.toDict(r.group().ipolicy() != null ? r.group().ipolicy()
                        : r.cluster().ipolicy())));
        add(Field.of("custom_ipolicy", "CustomInstancePolicy", other, "Custom instance policy limitations",
                r -> r.group().ipolicy() == null ? java.util.Map.of()
                        : org.garnet.core.internal.policy.IPolicies.toDict(r.group().ipolicy())));
        add(Field.of("tags", "Tags", other, "Tags", r -> List.copyOf(r.group().tags())));
        add(Field.of("serial_no", "SerialNo", number, "Group object serial number, incremented on each "
                + "modification", r -> r.group().serialNo()));
        add(Field.of("ctime", "CTime", timestamp, "Creation timestamp", r -> r.group().ctime()));
        add(Field.of("mtime", "MTime", timestamp, "Modification timestamp", r -> r.group().mtime()));
    }

    @Override
    protected String word() {
        return "Node group";
    }

    @Override
    protected String nameOf(Row row) {
        return row.group().name();
    }

    @Override
    protected List<Row> rows() {
        org.garnet.api.model.Cluster c = cluster.cluster();
        List<Node> nodes = store.list(Node.class);
        List<org.garnet.api.model.Instance> insts = store.list(org.garnet.api.model.Instance.class);
        return store.list(NodeGroup.class).stream().map(g -> {
            List<Node> members = nodes.stream().filter(n -> n.group().equals(g.uuid())).toList();
            java.util.Set<String> uuids = new java.util.HashSet<>();
            members.forEach(n -> uuids.add(n.uuid()));
            return new Row(g, members.stream().map(Node::name).toList(), insts.stream()
                    .filter(i -> uuids.contains(i.primaryNode())).map(org.garnet.api.model.Instance::name).toList(), c);
        }).toList();
    }
}
