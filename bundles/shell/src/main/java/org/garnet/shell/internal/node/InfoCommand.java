package org.garnet.shell.internal.node;

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
import org.garnet.api.query.QueryResult;
import org.garnet.api.query.QueryService;
import org.garnet.api.query.ResultCell;
import org.garnet.shell.internal.format.GenericInfo;
import org.garnet.shell.internal.format.GenericInfo.Entry;
import org.garnet.shell.internal.format.PyStr;

/**
 * {@code gnt-node info [NODE...]}: Ganeti's entries, then (a Garnet addition) the node's live figures: memory,
 * CPUs and the storage of the cluster's file storage directory.
 */
@Service
@Command(scope = "gnt.node", name = "info", description = "Show information about the node(s)")
public class InfoCommand implements Action {
    private static final List<String> FIELDS = List.of("name", "pip", "sip", "pinst_list", "sinst_list",
            "master_candidate", "drained", "offline", "master_capable", "vm_capable", "powered", "ndparams",
            "custom_ndparams");

    @Reference
    QueryService query;

    @Argument(name = "node-name", multiValued = true, description = "Nodes to show (all if none)")
    List<String> names;

    @Override
    public Object execute() {
        // Ganeti's answer for names it does not know: they are left out (an unknown node alone prints a blank line)
        QueryResult r = query.query("node", FIELDS, List.of());
        List<Object> nodes = new ArrayList<>();
        for (List<ResultCell> row : r.rows()) {
            if (names == null || names.isEmpty() || names.contains(String.valueOf(row.get(0).value()))) {
                nodes.add(node(row));
            }
        }
        System.out.println(GenericInfo.format(nodes));
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<Entry> node(List<ResultCell> row) {
        List<Entry> info = new ArrayList<>();
        info.add(entry("Node name", row.get(0).value()));
        info.add(entry("primary ip", row.get(1).value()));
        info.add(entry("secondary ip", row.get(2).value()));
        info.add(entry("master candidate", PyStr.of(row.get(5).value())));
        info.add(entry("drained", PyStr.of(row.get(6).value())));
        info.add(entry("offline", PyStr.of(row.get(7).value())));
        info.add(entry("master_capable", PyStr.of(row.get(8).value())));
        info.add(entry("vm_capable", PyStr.of(row.get(9).value())));
        if (Boolean.TRUE.equals(row.get(9).value())) {
            info.add(entry("primary for instances", row.get(3).value()));
            info.add(entry("secondary for instances", row.get(4).value()));
        }
        Map<String, Object> own = (Map<String, Object>) row.get(12).value();
        Map<String, Object> params = new TreeMap<>();
        ((Map<String, Object>) row.get(11).value()).forEach((k, v) -> params.put(k,
                own.containsKey(k) ? PyStr.of(own.get(k)) : "default (" + PyStr.of(v) + ")"));
        info.add(entry("node parameters", params));
        return info;
    }
}
