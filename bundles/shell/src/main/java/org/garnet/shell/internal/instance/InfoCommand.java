package org.garnet.shell.internal.instance;

import static org.garnet.shell.internal.format.GenericInfo.entry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.ReasonEntry;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.shell.internal.jobs.JobAction;
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
    @Reference
    JobQueue queue;

    @Option(name = "--static", aliases = "-s", description = "Only show configuration data, not runtime data")
    boolean staticOnly;

    @Argument(name = "instance", multiValued = true, description = "Instances to show (all if none)")
    List<String> names;

    /** As Ganeti: one {@code OP_INSTANCE_QUERY_DATA} job; its detail dictionaries are printed. */
    @Override
    @SuppressWarnings("unchecked")
    public Object execute() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("instances", names == null ? List.of() : names);
        p.put("static", staticOnly);
        OpCode op = OpCode.of("OP_INSTANCE_QUERY_DATA", p);
        op = new OpCode(op.opId(), op.params(), null, op.priority(), op.depends(), List.of(new ReasonEntry(
                "gnt:client:gnt-instance", "info", System.currentTimeMillis() * 1_000_000L)), false, 0);
        Map<String, Object> result = (Map<String, Object>) JobAction.follow(queue, queue.submit(List.of(op))).get(0);
        List<String> order = names == null || names.isEmpty() ? new ArrayList<>(new java.util.TreeSet<>(
                result.keySet())) : names;
        List<Object> blocks = new ArrayList<>();
        for (String n : order) {
            blocks.add(info((Map<String, Object>) result.get(n)));
        }
        System.out.println(GenericInfo.format(blocks));
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<GenericInfo.Entry> info(Map<String, Object> d) {
        String state = "configured to be " + d.get("config_state");
        if (d.get("run_state") != null) {
            state += ", actual state is " + d.get("run_state");
        }
        List<GenericInfo.Entry> out = new ArrayList<>();
        out.add(entry("Instance name", d.get("name")));
        out.add(entry("UUID", d.get("uuid")));
        out.add(entry("Serial number", PyStr.of(d.get("serial_no"))));
        out.add(entry("Creation time", Times.format(((Number) d.get("ctime")).doubleValue())));
        out.add(entry("Modification time", Times.format(((Number) d.get("mtime")).doubleValue())));
        out.add(entry("State", state));
        out.add(entry("Nodes", List.of(
                List.of(entry("primary", d.get("pnode")),
                        entry("group", d.get("pnode_group_name") + " (UUID " + d.get("pnode_group_uuid") + ")")),
                List.of(entry("secondaries", "")))));
        out.add(entry("Operating system", d.get("os")));
        out.add(entry("Operating system parameters", params((Map<String, Object>) d.get("os_instance"),
                (Map<String, Object>) d.get("os_actual"))));
        out.add(entry("Allocated network port", str(d.get("network_port"))));
        out.add(entry("Hypervisor", d.get("hypervisor")));
        out.add(entry("Hypervisor parameters", params((Map<String, Object>) d.get("hv_instance"),
                (Map<String, Object>) d.get("hv_actual"))));
        Map<String, Object> be = new TreeMap<>((Map<String, Object>) d.get("be_actual"));
        be.put("memory", be.get("maxmem"));
        out.add(entry("Back-end parameters", params((Map<String, Object>) d.get("be_instance"), be)));
        List<Object> nics = new ArrayList<>();
        List<Object> nicRows = (List<Object>) d.get("nics");
        for (int n = 0; n < nicRows.size(); n++) {
            List<Object> nic = (List<Object>) nicRows.get(n);
            nics.add(List.of(entry("nic/" + n, ""), entry("MAC", nic.get(3)), entry("IP", str(nic.get(2))),
                    entry("mode", str(nic.get(4))), entry("link", str(nic.get(5))), entry("vlan", str(nic.get(6))),
                    entry("network", str(nic.get(7))), entry("UUID", nic.get(1)), entry("name", str(nic.get(0)))));
        }
        out.add(entry("NICs", nics));
        out.add(entry("Disk template", d.get("disk_template")));
        List<Object> disks = new ArrayList<>();
        List<Object> diskRows = (List<Object>) d.get("disks");
        for (int n = 0; n < diskRows.size(); n++) {
            Map<String, Object> disk = (Map<String, Object>) diskRows.get(n);
            List<Object> logicalId = (List<Object>) disk.get("logical_id");
            List<GenericInfo.Entry> e = new ArrayList<>();
            e.add(entry("disk/" + n, disk.get("dev_type") + ", size " + Units.format(((Number) disk.get("size"))
                    .longValue(), "h")));
            e.add(entry("access mode", disk.get("mode")));
            e.add(entry("logical_id", PyStr.of(logicalId)));
            if (logicalId.size() == 2 && java.nio.file.Files.exists(java.nio.file.Path.of(
                    String.valueOf(logicalId.get(1))))) {
                e.add(entry("on primary", logicalId.get(1) + " (N/A:N/A)"));
            }
            e.add(entry("name", str(disk.get("name"))));
            e.add(entry("UUID", disk.get("uuid")));
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
        return v == null ? "None" : PyStr.of(v);
    }
}
