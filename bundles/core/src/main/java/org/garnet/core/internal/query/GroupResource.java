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
    record Row(NodeGroup group, List<String> nodes) {
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
        cluster.cluster();
        List<Node> nodes = store.list(Node.class);
        return store.list(NodeGroup.class).stream().map(g -> new Row(g,
                nodes.stream().filter(n -> n.group().equals(g.uuid())).map(Node::name).toList())).toList();
    }
}
