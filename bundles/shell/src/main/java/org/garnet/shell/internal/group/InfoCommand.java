package org.garnet.shell.internal.group;

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
import org.garnet.api.model.NodeGroup;
import org.garnet.shell.internal.format.GenericInfo;
import org.garnet.shell.internal.format.PolicyView;
import org.garnet.shell.internal.format.PyStr;

/** {@code gnt-group info [GROUP...]}: Ganeti's blocks (node group, node parameters, disk parameters, policy). */
@Service
@Command(scope = "gnt.group", name = "info", description = "Show group information")
public class InfoCommand implements Action {
    @Reference
    ConfigStore store;

    @Argument(name = "group", multiValued = true, description = "Groups to show (all if none)")
    List<String> names;

    @Override
    public Object execute() {
        Cluster c = store.cluster().orElseThrow(() -> GanetiException.prereq("This node is not part of a cluster",
                ErrorCode.ECODE_STATE));
        List<NodeGroup> groups = new ArrayList<>();
        if (names == null || names.isEmpty()) {
            groups.addAll(store.list(NodeGroup.class));
        } else {
            for (String n : names) { // Ganeti leaves out names it does not know
                store.byName(NodeGroup.class, n).ifPresent(groups::add);
            }
        }
        List<Object> blocks = new ArrayList<>();
        for (NodeGroup g : groups) {
            Map<String, Object> nd = new TreeMap<>(c.ndparams());
            nd.putAll(g.ndparams());
            Map<String, Object> ndView = new TreeMap<>();
            nd.forEach((k, v) -> ndView.put(k, g.ndparams().containsKey(k) ? PyStr.of(v) : "default (" + PyStr.of(v)
                    + ")"));
            Map<String, Object> dpView = new TreeMap<>();
            Map<String, Map<String, Object>> dp = new TreeMap<>(c.diskparams());
            dp.putAll(g.diskparams());
            dp.forEach((t, params) -> {
                if (params.isEmpty()) {
                    dpView.put(t, g.diskparams().containsKey(t) ? "{}" : "default ({})");
                    return;
                }
                Map<String, Object> inner = new TreeMap<>();
                params.forEach((k, v) -> inner.put(k, g.diskparams().containsKey(t) ? PyStr.of(v)
                        : "default (" + PyStr.of(v) + ")"));
                dpView.put(t, inner);
            });
            blocks.add(List.of(entry("Node group", g.name()), entry("Node parameters", ndView),
                    entry("Disk parameters", dpView),
                    entry("Instance policy", PolicyView.of(g.ipolicy() != null ? g.ipolicy() : c.ipolicy(),
                            g.ipolicy() == null))));
        }
        System.out.println(GenericInfo.format(blocks));
        return null;
    }
}
