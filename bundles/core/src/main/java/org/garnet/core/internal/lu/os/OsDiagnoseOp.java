package org.garnet.core.internal.lu.os;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.garnet.api.model.Cluster;
import org.garnet.api.os.OsDefinition;
import org.garnet.api.model.Node;
import org.garnet.core.internal.node.OsInfo;
import org.garnet.core.internal.rpc.NodeClient;
import org.garnet.core.internal.rpc.NodeRpc;
import org.garnet.core.internal.os.DirectoryOs;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_OS_DIAGNOSE} ({@code gnt-os list/info/diagnose}): the OS definitions the online vm-capable nodes have
 * (bundles and the search path), asked of all at once, one row per OS with the requested fields of Ganeti's OS query: {@code name}, {@code valid},
 * {@code variants}, {@code parameters} ({@code [name, doc]}), {@code api_versions}, {@code hidden},
 * {@code blacklisted}, {@code trusted}, {@code os_hvp}, {@code osparams}, {@code node_status}
 * ({@code {node: [[path, valid, message, variants, parameters, api versions, trusted]]}}).
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + OsDiagnoseOp.OP)
public class OsDiagnoseOp implements OpDefinition {
    static final String OP = "OP_OS_DIAGNOSE";
    private static final List<String> FIELDS = List.of("name", "valid", "variants", "parameters", "api_versions",
            "hidden", "blacklisted", "trusted", "os_hvp", "osparams", "node_status");

    @Reference
    ConfigStore store;
    @Reference
    NodeRpc rpc;

    public OsDiagnoseOp() {
    }

    public OsDiagnoseOp(ConfigStore store, NodeRpc rpc) {
        this.store = store;
        this.rpc = rpc;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(OpParam.required("output_fields", ParamType.STRING_LIST, "Selected output fields"),
                OpParam.optional("names", ParamType.STRING_LIST, List.of(), "Which operating systems to diagnose"));
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
                // reads the local OS definitions only
            }

            @Override
            public Object exec() {
                List<Node> online = store.list(Node.class).stream().filter(n -> !n.offline() && n.vmCapable())
                        .toList();
                Map<String, NodeRpc.Outcome<Map<String, OsInfo>>> answers = rpc.each(online, NodeClient::osDiagnose);
                java.util.SortedSet<String> all = new java.util.TreeSet<>();
                answers.values().forEach(a -> {
                    if (a.ok()) {
                        all.addAll(a.value().keySet());
                    }
                });
                List<Object> rows = new ArrayList<>();
                for (String name : all) {
                    if (names.isEmpty() || names.contains(name)) {
                        rows.add(row(name, answers));
                    }
                }
                return rows;
            }

            /**
             * Ganeti's per-OS summary over the nodes: valid only when valid on every node that answered (and
             * present on each), variants, parameters and API versions those all have.
             */
            private List<Object> row(String name, Map<String, NodeRpc.Outcome<Map<String, OsInfo>>> answers) {
                boolean valid = true;
                List<String> variants = null;
                List<List<String>> params = null;
                List<Integer> apis = null;
                Map<String, Object> nodeStatus = new LinkedHashMap<>();
                for (Map.Entry<String, NodeRpc.Outcome<Map<String, OsInfo>>> e : answers.entrySet()) {
                    if (!e.getValue().ok()) {
                        continue;
                    }
                    OsInfo os = e.getValue().value().get(name);
                    if (os == null) {
                        valid = false;
                        nodeStatus.put(e.getKey(), List.of());
                        continue;
                    }
                    List<List<String>> p = os.parameters().stream().map(x -> List.of(x.name(), x.description()))
                            .toList();
                    nodeStatus.put(e.getKey(), List.of(new ArrayList<>(List.of(os.path(), os.valid(), os.problem(),
                            os.variants(), p, os.apiVersions(), true))));
                    valid &= os.valid();
                    variants = variants == null ? os.variants() : variants.stream().filter(os.variants()::contains)
                            .toList();
                    params = params == null ? p : params.stream().filter(p::contains).toList();
                    apis = apis == null ? os.apiVersions() : apis.stream().filter(os.apiVersions()::contains).toList();
                }
                List<Object> out = new ArrayList<>();
                for (String f : fields) {
                    out.add(switch (f) {
                        case "name" -> name;
                        case "valid" -> valid;
                        case "variants" -> variants == null ? List.of() : variants;
                        case "parameters" -> params == null ? List.of() : params;
                        case "api_versions" -> apis == null ? List.of() : apis;
                        case "hidden" -> false;
                        case "blacklisted" -> false;
                        case "trusted" -> true;
                        case "os_hvp", "osparams" -> Map.of();
                        default -> nodeStatus;
                    });
                }
                return out;
            }
        };
    }
}
