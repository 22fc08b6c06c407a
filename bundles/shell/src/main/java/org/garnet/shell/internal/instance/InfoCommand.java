package org.garnet.shell.internal.instance;

import static org.garnet.shell.internal.format.GenericInfo.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Disk;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Nic;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;
import org.garnet.api.query.QueryResult;
import org.garnet.api.query.QueryService;
import org.garnet.api.query.ResultCell;
import org.garnet.api.query.ResultStatus;
import org.garnet.shell.internal.format.GenericInfo;
import org.garnet.shell.internal.format.PyStr;
import org.garnet.shell.internal.format.Times;
import org.garnet.shell.internal.format.Units;

/**
 * {@code gnt-instance info [NAME...]}: Ganeti's {@code ShowInstanceConfig} layout (name, UUID, serial, times,
 * configured and actual state, nodes with group, OS and its parameters, hypervisor and back-end parameters as
 * own value or {@code default (value)}, NICs, disk template, disks).
 */
@Service
@Command(scope = "gnt.instance", name = "info", description = "Show information on the specified instance(s)")
public class InfoCommand implements Action {
    /** Ganeti's hypervisor parameters that are the cluster's only ({@code HVC_GLOBALS}). */
    static final java.util.Set<String> HV_GLOBALS = java.util.Set.of("migration_port", "migration_bandwidth",
            "migration_mode", "xen_cmd");
    @Reference
    ConfigStore store;
    @Reference
    QueryService query;

    @Argument(name = "instance", multiValued = true, description = "Instances to show (all if none)")
    List<String> names;

    @Override
    public Object execute() {
        Cluster cluster = store.cluster().orElseThrow(() -> GanetiException.prereq("This node is not part of a "
                + "cluster", ErrorCode.ECODE_STATE));
        List<Instance> insts = new ArrayList<>();
        if (names == null || names.isEmpty()) {
            insts.addAll(store.list(Instance.class));
        } else {
            for (String n : names) {
                insts.add(store.byName(Instance.class, n).orElseThrow(() -> GanetiException.prereq(
                        "Instance '" + n + "' not known", ErrorCode.ECODE_NOENT)));
            }
        }
        List<Object> blocks = new ArrayList<>();
        for (Instance i : insts) {
            blocks.add(info(cluster, i));
        }
        System.out.println(GenericInfo.format(blocks));
        return null;
    }

    private List<GenericInfo.Entry> info(Cluster cluster, Instance i) {
        QueryResult live = query.query("instance", List.of("oper_state"), List.of(i.name()));
        ResultCell running = live.rows().get(0).get(0);
        String state = "configured to be " + i.adminState();
        if (running.status() == ResultStatus.NORMAL) {
            state += ", actual state is " + (Boolean.TRUE.equals(running.value()) ? "up" : "down");
        }
        Node pnode = store.get(Node.class, i.primaryNode()).orElse(null);
        NodeGroup group = pnode == null ? null : store.get(NodeGroup.class, pnode.group()).orElse(null);
        List<GenericInfo.Entry> out = new ArrayList<>();
        out.add(entry("Instance name", i.name()));
        out.add(entry("UUID", i.uuid()));
        out.add(entry("Serial number", Long.toString(i.serialNo())));
        out.add(entry("Creation time", Times.format(i.ctime())));
        out.add(entry("Modification time", Times.format(i.mtime())));
        out.add(entry("State", state));
        out.add(entry("Nodes", List.of(
                List.of(entry("primary", pnode == null ? i.primaryNode() : pnode.name()),
                        entry("group", group == null ? "?" : group.name() + " (UUID " + group.uuid() + ")")),
                List.of(entry("secondaries", "")))));
        out.add(entry("Operating system", i.os()));
        out.add(entry("Operating system parameters", params(i.osparams(), i.osparams())));
        out.add(entry("Allocated network port", String.valueOf(i.networkPort() == null ? "None" : i.networkPort())));
        out.add(entry("Hypervisor", i.hypervisor()));
        Map<String, Object> hv = new TreeMap<>(cluster.hvparams().getOrDefault(i.hypervisor(), Map.of()));
        hv.keySet().removeAll(HV_GLOBALS); // Ganeti's FillHV(skip_globals=True): cluster-wide parameters not shown
        hv.putAll(i.hvparams());
        out.add(entry("Hypervisor parameters", params(i.hvparams(), hv)));
        Map<String, Object> be = new TreeMap<>(cluster.beparams());
        be.putAll(i.beparams());
        be.put("memory", be.get("maxmem"));
        out.add(entry("Back-end parameters", params(i.beparams(), be)));
        List<Object> nics = new ArrayList<>();
        for (int n = 0; n < i.nics().size(); n++) {
            Nic nic = i.nics().get(n);
            nics.add(List.of(entry("nic/" + n, ""), entry("MAC", nic.mac()), entry("IP", str(nic.ip())),
                    entry("mode", str(nic.mode())), entry("link", str(nic.link())), entry("vlan", nic.vlan() != null ? nic.vlan()
                            : String.valueOf(cluster.nicparams().getOrDefault("vlan", ""))),
                    entry("network", str(nic.network())), entry("UUID", nic.uuid()), entry("name", str(nic.name()))));
        }
        out.add(entry("NICs", nics));
        out.add(entry("Disk template", i.diskTemplate()));
        List<Object> disks = new ArrayList<>();
        for (int d = 0; d < i.disks().size(); d++) {
            Disk disk = i.disks().get(d);
            List<GenericInfo.Entry> e = new ArrayList<>();
            e.add(entry("disk/" + d, disk.devType() + ", size " + Units.format(disk.size(), "h")));
            e.add(entry("access mode", disk.mode()));
            e.add(entry("logical_id", PyStr.of(disk.logicalId())));
            if (disk.logicalId().size() == 2 && java.nio.file.Files.exists(java.nio.file.Path.of(
                    disk.logicalId().get(1)))) {
                e.add(entry("on primary", disk.logicalId().get(1) + " (N/A:N/A)"));
            }
            e.add(entry("name", str(disk.name())));
            e.add(entry("UUID", disk.uuid()));
            disks.add(e);
        }
        out.add(entry("Disks", disks));
        return out;
    }

    /** Ganeti's {@code FormatParamsDictInfo}: the own value, or {@code default (value)}. */
    private static Map<String, Object> params(Map<String, Object> own, Map<String, Object> actual) {
        Map<String, Object> out = new TreeMap<>();
        actual.forEach((k, v) -> out.put(k, own.containsKey(k) ? PyStr.of(own.get(k)) : "default (" + PyStr.of(v)
                + ")"));
        return out;
    }

    private static String str(Object v) {
        return v == null ? "None" : String.valueOf(v);
    }
}
