package org.garnet.core.internal.lu.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.locks.LockLevel;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.garnet.api.lu.ResultWithJobs;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_NODE_MIGRATE} ({@code gnt-node migrate}, Ganeti's LUNodeMigrate): one {@code OP_INSTANCE_MIGRATE}
 * job per instance whose primary is the node, with the migration options passed on; each job chooses its own
 * target (the node given, or the allocator). The node's lock is held shared while the jobs are made.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + NodeMigrateOp.OP)
public class NodeMigrateOp implements OpDefinition {
    static final String OP = "OP_NODE_MIGRATE";

    @Reference
    ConfigStore store;

    public NodeMigrateOp() {
    }

    public NodeMigrateOp(ConfigStore store) {
        this.store = store;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(OpParam.required("node_name", ParamType.STRING, "Node name"),
                OpParam.optional("node_uuid", ParamType.STRING, null, "Node UUID"),
                OpParam.optional("mode", ParamType.STRING, null, "Migration mode (live or non-live)")
                        .oneOf("live", "non-live"),
                OpParam.optional("live", ParamType.BOOL, null, "Whether to do a live migration"),
                OpParam.optional("target_node", ParamType.STRING, null, "Target node"),
                OpParam.optional("target_node_uuid", ParamType.STRING, null, "Target node UUID"),
                OpParam.optional("allow_runtime_changes", ParamType.BOOL, true, "Allow runtime changes"),
                OpParam.optional("ignore_ipolicy", ParamType.BOOL, false, "Ignore ipolicy violations"),
                OpParam.optional("iallocator", ParamType.STRING, null, "Iallocator for the target node"));
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext ctx) {
        Map<String, Object> p = op.params();
        String name = (String) p.get("node_name");
        return new LogicalUnit() {
            private Node node;

            @Override
            public void declareLocks(LockPlan plan) {
                node = Nodes.require(store, name);
                plan.need(LockLevel.NODE, Set.of(node.uuid()), true);
            }

            @Override
            public Object exec() {
                List<List<OpCode>> jobs = store.list(Instance.class).stream()
                        .filter(i -> i.primaryNode().equals(node.uuid()))
                        .sorted(java.util.Comparator.comparing(Instance::name))
                        .map(i -> List.of(OpCode.of("OP_INSTANCE_MIGRATE", migrate(p, i.name()))
                                .withPriority(op.priority())))
                        .toList();
                return new ResultWithJobs(jobs, Map.of());
            }
        };
    }

    /** The instance's migration with the node migration's options (those given). */
    private static Map<String, Object> migrate(Map<String, Object> p, String instance) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instance_name", instance);
        for (String k : List.of("mode", "live", "iallocator", "target_node", "allow_runtime_changes",
                "ignore_ipolicy")) {
            if (p.get(k) != null) {
                m.put(k, p.get(k));
            }
        }
        return m;
    }
}
