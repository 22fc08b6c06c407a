package org.garnet.core.internal.lu.storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;
import org.garnet.api.storage.ExtStorageInfo;
import org.garnet.core.internal.rpc.NodeClient;
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_EXT_STORAGE_DIAGNOSE} ({@code gnt-storage diagnose/info}): the ExtStorage providers of the online
 * vm-capable nodes, asked of all at once, one row per provider with the requested fields of Ganeti's query:
 * {@code name}, {@code node_status} ({@code {node: [[path, valid, message, parameters]]}}, an empty list where the
 * node lacks it), {@code nodegroup_status} ({@code {group: valid on each of its nodes}}), {@code parameters}
 * ({@code [name, doc]} that every node has, while the provider is valid on each).
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + ExtStorageDiagnoseOp.OP)
public class ExtStorageDiagnoseOp implements OpDefinition {
    static final String OP = "OP_EXT_STORAGE_DIAGNOSE";
    private static final List<String> FIELDS = List.of("name", "node_status", "nodegroup_status", "parameters");

    @Reference
    ConfigStore store;
    @Reference
    NodeRpc rpc;

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(OpParam.required("output_fields", ParamType.STRING_LIST, "Selected output fields"),
                OpParam.optional("names", ParamType.STRING_LIST, List.of(), "Which ExtStorage providers to diagnose"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public LogicalUnit create(OpCode op, LuContext ctx) {
        List<String> fields = (List<String>) op.params().get("output_fields");
        List<String> names = (List<String>) op.params().get("names");
        return new LogicalUnit() {
            @Override
            public void checkArguments() {
                for (String f : fields) {
                    if (!FIELDS.contains(f)) {
                        throw GanetiException.prereq("Unknown output fields selected: " + f, ErrorCode.ECODE_INVAL);
                    }
                }
            }

            @Override
            public void declareLocks(LockPlan plan) {
                // reads the nodes' providers only
            }

            @Override
            public Object exec() {
                List<Node> online = store.list(Node.class).stream().filter(n -> !n.offline() && n.vmCapable())
                        .toList();
                Map<String, NodeRpc.Outcome<List<ExtStorageInfo>>> answers = rpc.each(online,
                        NodeClient::extStorageDiagnose);
                Map<String, Map<String, ExtStorageInfo>> byNode = new TreeMap<>();
                SortedSet<String> all = new TreeSet<>();
                answers.forEach((node, a) -> {
                    if (a.ok()) {
                        Map<String, ExtStorageInfo> m = new LinkedHashMap<>();
                        a.value().forEach(i -> m.put(i.name(), i));
                        byNode.put(node, m);
                        all.addAll(m.keySet());
                    }
                });
                List<Object> rows = new ArrayList<>();
                for (String name : all) {
                    if (names.isEmpty() || names.contains(name)) {
                        rows.add(row(name, byNode, online));
                    }
                }
                return rows;
            }

            private List<Object> row(String name, Map<String, Map<String, ExtStorageInfo>> byNode,
                                     List<Node> online) {
                Map<String, Object> nodeStatus = new LinkedHashMap<>();
                Set<List<String>> params = null;
                boolean allValid = true;
                for (Map.Entry<String, Map<String, ExtStorageInfo>> e : byNode.entrySet()) {
                    ExtStorageInfo i = e.getValue().get(name);
                    if (i == null) {
                        nodeStatus.put(e.getKey(), List.of());
                        allValid = false;
                        continue;
                    }
                    List<List<String>> p = i.parameters().stream().map(x -> List.of(x.name(), x.description()))
                            .toList();
                    nodeStatus.put(e.getKey(), List.of(new ArrayList<>(List.of(i.path(), i.valid(), i.diagnose(),
                            p))));
                    if (!i.valid()) {
                        allValid = false;
                    }
                    if (params == null) {
                        params = new LinkedHashSet<>(p);
                    } else {
                        params.retainAll(p);
                    }
                }
                Map<String, Object> groups = new LinkedHashMap<>();
                for (NodeGroup g : store.list(NodeGroup.class)) {
                    boolean valid = true;
                    for (Node n : online) {
                        if (g.uuid().equals(n.group()) && byNode.containsKey(n.name())) {
                            ExtStorageInfo i = byNode.get(n.name()).get(name);
                            valid &= i != null && i.valid();
                        }
                    }
                    groups.put(g.name(), valid);
                }
                List<Object> out = new ArrayList<>();
                for (String f : fields) {
                    out.add(switch (f) {
                        case "name" -> name;
                        case "node_status" -> nodeStatus;
                        case "nodegroup_status" -> groups;
                        default -> allValid && params != null ? new ArrayList<>(params) : List.of();
                    });
                }
                return out;
            }
        };
    }
}
