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
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.os.DirectoryOs;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_OS_DIAGNOSE} ({@code gnt-os list/info/diagnose}): the OS definitions this node has (bundles and the
 * search path), one row per OS with the requested fields of Ganeti's OS query: {@code name}, {@code valid},
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
    Drivers drivers;

    public OsDiagnoseOp() {
    }

    public OsDiagnoseOp(ConfigStore store, Drivers drivers) {
        this.store = store;
        this.drivers = drivers;
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
                Cluster cluster = store.cluster().orElseThrow();
                String node = store.get(org.garnet.api.model.Node.class, cluster.masterNode())
                        .map(org.garnet.api.model.Node::name).orElse(cluster.masterNode());
                List<Object> rows = new ArrayList<>();
                for (Map.Entry<String, OsDefinition> e : drivers.os().all().entrySet()) {
                    if (!names.isEmpty() && !names.contains(e.getKey())) {
                        continue;
                    }
                    rows.add(row(e.getKey(), e.getValue(), node));
                }
                return rows;
            }

            private List<Object> row(String name, OsDefinition os, String node) {
                Optional<String> problem = os instanceof DirectoryOs d ? d.problem() : Optional.empty();
                boolean valid = problem.isEmpty();
                List<Object> params = os.parameters().stream().map(p -> (Object) List.of(p.name(), p.description())).toList();
                String path = os instanceof DirectoryOs d ? d.dir().toString() : "(bundle)";
                List<Object> status = new ArrayList<>(List.of(path, valid, problem.orElse(""), os.variants(), params,
                        os.apiVersions(), true));
                List<Object> out = new ArrayList<>();
                for (String f : fields) {
                    out.add(switch (f) {
                        case "name" -> name;
                        case "valid" -> valid;
                        case "variants" -> os.variants();
                        case "parameters" -> params;
                        case "api_versions" -> os.apiVersions();
                        case "hidden" -> false;
                        case "blacklisted" -> false;
                        case "trusted" -> true;
                        case "os_hvp", "osparams" -> Map.of();
                        default -> {
                            Map<String, Object> ns = new LinkedHashMap<>();
                            ns.put(node, List.of(status));
                            yield ns;
                        }
                    });
                }
                return out;
            }
        };
    }
}
