package org.garnet.core.internal.query;

import static org.garnet.api.query.FieldKind.bool;
import static org.garnet.api.query.FieldKind.number;
import static org.garnet.api.query.FieldKind.other;
import static org.garnet.api.query.FieldKind.text;
import static org.garnet.api.query.FieldKind.timestamp;
import static org.garnet.api.query.FieldKind.unit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.garnet.api.config.ClusterService;
import org.garnet.api.config.NodeLiveData;
import org.garnet.core.internal.rpc.NodeRpc;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.config.NodeLiveData;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;
import org.garnet.api.query.FieldKind;
import org.garnet.api.query.ResultCell;
import org.garnet.api.query.ResultStatus;

/** Ganeti's node query fields (names, titles and kinds from its {@code Query/Node.hs}). */
final class NodeResource extends Resource<NodeRow> {
    private final ConfigStore store;
    private final ClusterService clusterService;

    private final NodeRpc rpc;

    NodeResource(ConfigStore store, ClusterService clusterService, NodeRpc rpc) {
        this.rpc = rpc;
        this.store = store;
        this.clusterService = clusterService;
        add(Field.of("name", "Node", text, "Node name", r -> r.node().name()));
        add(Field.of("uuid", "UUID", text, "Node UUID", r -> r.node().uuid()));
        add(Field.of("pip", "PrimaryIP", text, "Primary IP address", r -> r.node().primaryIp()));
        add(Field.of("sip", "SecondaryIP", text, "Secondary IP address", r -> r.node().secondaryIp()));
        add(Field.of("master", "IsMaster", bool, "Whether node is master",
                r -> r.node().uuid().equals(r.cluster().masterNode())));
        add(Field.of("master_candidate", "MasterC", bool, "Whether node is a master candidate",
                r -> r.node().masterCandidate()));
        add(Field.of("master_capable", "MasterCapable", bool, "Whether node can become a master candidate",
                r -> r.node().masterCapable()));
        add(Field.of("drained", "Drained", bool, "Whether node is drained", r -> r.node().drained()));
        add(Field.of("offline", "Offline", bool, "Whether node is marked offline", r -> r.node().offline()));
        add(Field.of("vm_capable", "VMCapable", bool, "Whether node can host instances", r -> r.node().vmCapable()));
        add(Field.of("role", "Role", text, "Node role; \"M\" for master, \"C\" for master candidate, \"R\" for "
                + "regular, \"D\" for drained, \"O\" for offline", r -> r.node().role(r.cluster().masterNode())));
        add(Field.of("group", "Group", text, "Node group", r -> r.group() == null ? null : r.group().name()));
        add(Field.of("group.uuid", "GroupUUID", text, "UUID of node group", r -> r.node().group()));
        add(Field.of("pinst_cnt", "Pinst", number, "Number of instances with this node as primary",
                r -> r.primaryInstances().size()));
        add(Field.of("sinst_cnt", "Sinst", number, "Number of instances with this node as secondary",
                r -> r.secondaryInstances().size()));
        add(Field.of("pinst_list", "PriInstances", other, "List of instances with this node as primary",
                NodeRow::primaryInstances));
        add(Field.of("sinst_list", "SecInstances", other, "List of instances with this node as secondary",
                NodeRow::secondaryInstances));
        add(Field.of("ndparams", "NodeParameters", other, "Merged node parameters", NodeResource::ndparams));
        add(Field.of("custom_ndparams", "CustomNodeParameters", other, "Custom node parameters",
                r -> r.node().ndparams()));
        NodeParamFields.addTo(this, NodeResource::ndparams);
        add(Field.of("disk_state", "DiskState", other, "Disk state", r -> Map.of()));
        add(Field.of("hv_state", "HypervisorState", other, "Hypervisor state", r -> Map.of()));
        add(Field.of("powered", "Powered", bool, "Whether node is thought to be powered on",
                r -> r.node().powered() == null || r.node().powered()));
        add(Field.of("tags", "Tags", other, "Tags", r -> List.copyOf(r.node().tags())));
        add(Field.of("serial_no", "SerialNo", number, "Node object serial number, incremented on each "
                + "modification", r -> r.node().serialNo()));
        add(Field.of("ctime", "CTime", timestamp, "Creation timestamp", r -> r.node().ctime()));
        add(Field.of("mtime", "MTime", timestamp, "Modification timestamp", r -> r.node().mtime()));
        live("bootid", "BootID", text, "Random UUID renewed for each system reboot", NodeLiveData::bootId);
        spindles("sptotal", "SpTotal", "Total number of spindles in storage unit");
        spindles("spfree", "SpFree", "Available spindles in storage unit");
        live("cnodes", "CNodes", number, "Number of NUMA domains on node", NodeLiveData::cpuNodes);
        live("cnos", "CNOs", number, "Number of logical processors used by the node OS", NodeLiveData::cpuDom0);
        live("csockets", "CSockets", number, "Number of physical CPU sockets", NodeLiveData::cpuSockets);
        live("ctotal", "CTotal", number, "Number of logical processors", NodeLiveData::cpuTotal);
        live("dfree", "DFree", unit, "Available storage space in storage unit", NodeLiveData::storageFree);
        live("dtotal", "DTotal", unit, "Total storage space in storage unit", NodeLiveData::storageSize);
        live("mfree", "MFree", unit, "Memory available for instance allocations", NodeLiveData::memoryFree);
        live("mnode", "MNode", unit, "Amount of memory used by node (dom0 for Xen)", NodeLiveData::memoryDom0);
        live("mtotal", "MTotal", unit, "Total amount of memory of physical machine", NodeLiveData::memoryTotal);
    }

    private void live(String name, String title, FieldKind kind, String doc, Function<NodeLiveData, Object> get) {
        add(Field.cell(name, title, kind, doc, r -> {
            if (r.node().offline()) {
                return new ResultCell(ResultStatus.OFFLINE, null);
            }
            NodeLiveData data = r.live().get();
            return data == null ? new ResultCell(ResultStatus.NODATA, null) : ResultCell.of(get.apply(data));
        }));
    }

    /** Spindle counts: the storage units Garnet has today (files) report none, as Ganeti's file storage. */
    private void spindles(String name, String title, String doc) {
        add(Field.cell(name, title, number, doc, r -> new ResultCell(r.node().offline()
                ? ResultStatus.OFFLINE : ResultStatus.NODATA, null)));
    }

    /** The cluster's node parameters, then the node group's, then the node's own (Ganeti's FillND). */
    private static Map<String, Object> ndparams(NodeRow r) {
        Map<String, Object> out = merged(r.cluster().ndparams(), r.group() == null ? Map.of() : r.group().ndparams());
        out.putAll(r.node().ndparams());
        return out;
    }

    private static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> own) {
        var out = new java.util.TreeMap<>(base);
        out.putAll(own);
        return out;
    }

    @Override
    protected String word() {
        return "Node";
    }

    @Override
    protected String nameOf(NodeRow row) {
        return row.node().name();
    }

    @Override
    protected List<NodeRow> rows() {
        Cluster cluster = clusterService.cluster();
        Map<String, NodeGroup> groups = store.list(NodeGroup.class).stream()
                .collect(Collectors.toMap(NodeGroup::uuid, g -> g));
        List<Instance> instances = store.list(Instance.class);
        List<NodeRow> rows = new ArrayList<>();
        List<Node> all = store.list(Node.class);
        // the first live field asked for fetches every online node's figures at once, in parallel
        Memo<Map<String, NodeRpc.Outcome<NodeLiveData>>> batch = new Memo<>(() -> rpc.each(
                all.stream().filter(n -> !n.offline()).toList(), c -> c.liveData(cluster.fileStorageDir())));
        for (Node n : all) {
            List<String> pri = instances.stream().filter(i -> i.primaryNode().equals(n.uuid())).map(Instance::name)
                    .toList();
            List<String> sec = instances.stream().filter(i -> i.secondaryNodes().contains(n.uuid()))
                    .map(Instance::name).toList();
            var memo = new Memo<>(() -> {
                var answer = n.offline() ? null : batch.get().get(n.name());
                return answer == null || !answer.ok() ? null : answer.value();
            });
            rows.add(new NodeRow(n, cluster, groups.get(n.group()), pri, sec, memo));
        }
        return rows;
    }
}
