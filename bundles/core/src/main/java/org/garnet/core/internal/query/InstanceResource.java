package org.garnet.core.internal.query;

import static org.garnet.api.query.FieldKind.bool;
import static org.garnet.api.query.FieldKind.number;
import static org.garnet.api.query.FieldKind.other;
import static org.garnet.api.query.FieldKind.text;
import static org.garnet.api.query.FieldKind.timestamp;
import static org.garnet.api.query.FieldKind.unit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.hypervisor.HvInstanceInfo;
import org.garnet.api.hypervisor.Hypervisor;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Disk;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Nic;
import org.garnet.api.model.Node;
import org.garnet.api.query.ResultCell;
import org.garnet.api.query.ResultStatus;
import org.garnet.core.internal.rpc.NodeClient;
import org.garnet.core.internal.rpc.NodeRpc;

/**
 * Ganeti's instance query fields (names, titles, kinds of {@code lib/query.py}) that exist so far, with live
 * data (running, memory, vcpus) from the instance's hypervisor on this node and Ganeti's status values
 * ({@code running}, {@code ADMIN_down}, {@code ERROR_up}, {@code ERROR_down}, {@code USER_down},
 * {@code ADMIN_offline}, {@code ERROR_nodeoffline}, {@code ERROR_nodedown}).
 */
final class InstanceResource extends Resource<InstanceResource.Row> {
    /** An instance with its primary node, whether its node answered, and its live data. */
    record Row(Instance inst, Node pnode, Cluster cluster, boolean nodeReachable, Optional<HvInstanceInfo> live,
               Defaults defaults) {
    }

    /**
     * The cluster's parameter defaults, sorted once per query: an instance without its own parameters (most of
     * them) shares them instead of copying them into a map of its own.
     */
    static final class Defaults {
        private final Cluster cluster;
        private Map<String, Object> be;
        private final Map<String, Map<String, Object>> hv = new HashMap<>();

        Defaults(Cluster cluster) {
            this.cluster = cluster;
        }

        synchronized Map<String, Object> be() {
            if (be == null) {
                be = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(cluster == null ? Map.of()
                        : cluster.beparams()));
            }
            return be;
        }

        synchronized Map<String, Object> hv(String hypervisor) {
            return hv.computeIfAbsent(hypervisor, h -> {
                // Ganeti's FillHV(skip_globals=True): the cluster-only parameters are not the instance's
                Map<String, Object> m = new java.util.TreeMap<>(cluster == null ? Map.of()
                        : cluster.hvparams().getOrDefault(h, Map.of()));
                m.keySet().removeAll(org.garnet.core.internal.cluster.Defaults.HV_GLOBALS);
                return java.util.Collections.unmodifiableMap(m);
            });
        }
    }

    private final ConfigStore store;
    private final NodeRpc rpc;

    InstanceResource(ConfigStore store, NodeRpc rpc) {
        this.store = store;
        this.rpc = rpc;
        add(Field.of("name", "Instance", text, "Instance name", r -> r.inst().name()));
        add(Field.of("uuid", "UUID", text, "Instance UUID", r -> r.inst().uuid()));
        add(Field.of("os", "OS", text, "Operating system", r -> r.inst().os()));
        add(Field.of("hypervisor", "Hypervisor", text, "Hypervisor name", r -> r.inst().hypervisor()));
        add(Field.of("disk_template", "Disk_template", text, "Instance disk template",
                r -> r.inst().diskTemplate()));
        add(Field.of("pnode", "Primary_node", text, "Primary node", r -> r.pnode() == null ? r.inst().primaryNode()
                : r.pnode().name()));
        add(Field.of("snodes", "Secondary_Nodes", other, "Secondary nodes; usually this will just be one node",
                r -> r.inst().secondaryNodes()));
        add(Field.of("admin_state", "InstanceState", text, "Desired state of instance",
                r -> r.inst().adminState()));
        add(Field.of("admin_state_source", "InstanceStateSource", text, "Who last changed the desired state",
                r -> r.inst().adminStateSource()));
        add(Field.of("admin_up", "Autostart", bool, "Desired state of instance", r -> "up".equals(r.inst().adminState())));
        add(Field.cell("oper_state", "Running", bool, "Actual state of instance", r -> live(r,
                i -> true, false)));
        add(Field.cell("oper_ram", "Memory", unit, "Actual memory usage as seen by hypervisor",
                r -> live(r, HvInstanceInfo::memory, null)));
        add(Field.cell("oper_vcpus", "VCPUs", number, "Actual number of VCPUs as seen by hypervisor",
                r -> live(r, HvInstanceInfo::vcpus, null)));
        add(Field.of("status", "Status", text, "Instance status", InstanceResource::status));
        add(Field.of("be/maxmem", "ConfigMaxMem", unit, "The \"maxmem\" backend parameter",
                r -> be(r, "maxmem")));
        add(Field.of("be/minmem", "ConfigMinMem", unit, "The \"minmem\" backend parameter",
                r -> be(r, "minmem")));
        add(Field.of("be/vcpus", "ConfigVCPUs", number, "The \"vcpus\" backend parameter", r -> be(r, "vcpus")));
        add(Field.of("beparams", "BackendParameters", other, "Backend parameters (merged)", r -> filledBe(r)));
        add(Field.of("hvparams", "HypervisorParameters", other, "Hypervisor parameters (merged)",
                r -> filledHv(r)));
        add(Field.of("osparams", "OpSysParameters", other, "Operating system parameters",
                r -> r.inst().osparams()));
        add(Field.of("disk.count", "Disks", number, "Number of disks", r -> r.inst().disks().size()));
        add(Field.of("disk.sizes", "Disk_sizes", other, "List of disk sizes",
                r -> r.inst().disks().stream().map(Disk::size).toList()));
        add(Field.of("disk_usage", "DiskUsage", unit, "Total disk space used by instance on each of its nodes",
                r -> r.inst().disks().stream().mapToLong(Disk::size).sum()));
        add(Field.of("disk.uuids", "Disk_UUIDs", other, "List of disk UUIDs",
                r -> r.inst().disks().stream().map(Disk::uuid).toList()));
        add(Field.of("disk.spindles", "Disk_spindles", other, "List of disk spindles",
                r -> r.inst().disks().stream().map(Disk::spindles).toList()));
        add(Field.of("disk.names", "Disk_names", other, "List of disk names",
                r -> r.inst().disks().stream().map(Disk::name).toList()));
        add(Field.of("nic.uuids", "NIC_UUIDs", other, "List containing each network interface's UUID",
                r -> r.inst().nics().stream().map(Nic::uuid).toList()));
        add(Field.of("nic.names", "NIC_Names", other, "List containing each network interface's name",
                r -> r.inst().nics().stream().map(Nic::name).toList()));
        add(Field.of("nic.networks", "NIC_networks", other, "List containing each interface's network",
                r -> r.inst().nics().stream().map(Nic::network).toList()));
        add(Field.of("nic.networks.names", "NIC_networks_names", other,
                "List containing each interface's network name",
                r -> r.inst().nics().stream().map(Nic::network).toList()));
        add(Field.of("nic.bridges", "NIC_bridges", other, "List containing each network interface's bridge",
                r -> r.inst().nics().stream().map(n -> "bridged".equals(n.mode()) ? n.link() : null).toList()));
        add(Field.of("custom_beparams", "CustomBackendParameters", other, "Custom backend parameters",
                r -> r.inst().beparams()));
        add(Field.of("custom_hvparams", "CustomHypervisorParameters", other, "Custom hypervisor parameters",
                r -> r.inst().hvparams()));
        add(Field.of("custom_nicparams", "CustomNicParameters", other, "Custom network interface parameters",
                r -> r.inst().nics().stream().map(n -> java.util.Map.<String, Object>of()).toList()));
        add(Field.of("nic.count", "NICs", number, "Number of network interfaces", r -> r.inst().nics().size()));
        add(Field.of("nic.macs", "NIC_MACs", other, "List containing each network interface's MAC address",
                r -> r.inst().nics().stream().map(Nic::mac).toList()));
        add(Field.of("nic.ips", "NIC_IPs", other, "List containing each network interface's IP address",
                r -> r.inst().nics().stream().map(n -> n.ip()).toList()));
        add(Field.of("nic.modes", "NIC_modes", other, "List containing each network interface's mode",
                r -> r.inst().nics().stream().map(Nic::mode).toList()));
        add(Field.of("nic.links", "NIC_links", other, "List containing each network interface's link",
                r -> r.inst().nics().stream().map(Nic::link).toList()));
        add(Field.of("network_port", "Network_port", other, "Instance network port if available",
                r -> r.inst().networkPort()));
        add(Field.of("tags", "Tags", other, "Tags", r -> List.copyOf(r.inst().tags())));
        add(Field.of("serial_no", "SerialNo", number, "Instance object serial number, incremented on each "
                + "modification", r -> r.inst().serialNo()));
        add(Field.of("ctime", "CTime", timestamp, "Creation timestamp", r -> r.inst().ctime()));
        add(Field.of("mtime", "MTime", timestamp, "Modification timestamp", r -> r.inst().mtime()));
        InstanceFields.addTo(this, store, rpc);
    }

    @Override
    protected String word() {
        return "Instance";
    }

    /**
     * The configuration's serial number (every stored change raises it) and, per hypervisor bound, what the
     * live fields show of its instances (running, memory, vcpus; not the uptime, which no field shows).
     */
    @Override
    Object version() {
        Cluster cluster = store.cluster().orElse(null);
        if (cluster == null) {
            return null;
        }
        Map<String, Map<String, List<Long>>> live = new java.util.TreeMap<>();
        List<Node> online = store.list(Node.class).stream().filter(n -> !n.offline()).toList();
        rpc.each(online, NodeClient::allInstances).forEach((node, answer) -> {
            Map<String, List<Long>> m = new java.util.TreeMap<>();
            if (answer.ok()) {
                answer.value().forEach((type, list) -> list.forEach(
                        i -> m.put(type + "/" + i.name(), List.of(i.memory(), (long) i.vcpus()))));
            }
            live.put(node, answer.ok() ? m : null);
        });
        return List.of(cluster.uuid(), cluster.serialNo(), live);
    }

    @Override
    protected String nameOf(Row row) {
        return row.inst().name();
    }

    @Override
    protected List<Row> rows() {
        Cluster cluster = store.cluster().orElse(null);
        Map<String, Node> nodes = new HashMap<>();
        store.list(Node.class).forEach(n -> nodes.put(n.uuid(), n));
        Defaults defaults = new Defaults(cluster);
        List<Instance> instances = store.list(Instance.class);
        List<Node> primaries = instances.stream().map(i -> nodes.get(i.primaryNode())).filter(n -> n != null
                && !n.offline()).distinct().toList();
        // one call per node, all nodes at once: what each hypervisor runs there
        Map<String, NodeRpc.Outcome<Map<String, List<HvInstanceInfo>>>> live = primaries.isEmpty() ? Map.of()
                : rpc.each(primaries, NodeClient::allInstances);
        return instances.stream().map(i -> {
            Node pnode = nodes.get(i.primaryNode());
            var answer = pnode == null ? null : live.get(pnode.name());
            if (answer == null || !answer.ok()) {
                return new Row(i, pnode, cluster, false, Optional.empty(), defaults);
            }
            Optional<HvInstanceInfo> info = answer.value().getOrDefault(i.hypervisor(), List.of()).stream()
                    .filter(x -> x.name().equals(i.name())).findFirst();
            return new Row(i, pnode, cluster, true, info, defaults);
        }).toList();
    }

    private static <T> ResultCell live(Row r, java.util.function.Function<HvInstanceInfo, T> f, T whenStopped) {
        if (r.pnode() != null && r.pnode().offline()) {
            return new ResultCell(ResultStatus.OFFLINE, null);
        }
        if (!r.nodeReachable()) {
            return new ResultCell(ResultStatus.NODATA, null);
        }
        if (r.live().isEmpty()) {
            return whenStopped == null ? new ResultCell(ResultStatus.UNAVAIL, null) : ResultCell.of(whenStopped);
        }
        return ResultCell.of(f.apply(r.live().get()));
    }

    static String status(Row r) {
        Instance i = r.inst();
        if (r.pnode() != null && r.pnode().offline()) {
            return "ERROR_nodeoffline";
        }
        if (!r.nodeReachable()) {
            return "ERROR_nodedown";
        }
        if (r.live().isPresent()) {
            return "up".equals(i.adminState()) ? "running" : "ERROR_up";
        }
        if ("up".equals(i.adminState())) {
            return "ERROR_down";
        }
        if ("down".equals(i.adminState())) {
            return "user".equals(i.adminStateSource()) ? "USER_down" : "ADMIN_down";
        }
        return "ADMIN_offline";
    }

    static Map<String, Object> filledBe(Row r) {
        if (r.inst().beparams().isEmpty()) {
            return r.defaults().be();
        }
        Map<String, Object> out = new java.util.TreeMap<>(r.defaults().be());
        out.putAll(r.inst().beparams());
        return out;
    }

    static Map<String, Object> filledHv(Row r) {
        Map<String, Object> defaults = r.defaults().hv(r.inst().hypervisor());
        if (r.inst().hvparams().isEmpty()) {
            return defaults;
        }
        Map<String, Object> out = new java.util.TreeMap<>(defaults);
        out.putAll(r.inst().hvparams());
        return out;
    }

    private static Object be(Row r, String key) {
        return filledBe(r).get(key);
    }
}
