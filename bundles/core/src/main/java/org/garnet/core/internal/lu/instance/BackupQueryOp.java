package org.garnet.core.internal.lu.instance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.locks.LockLevel;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.garnet.api.model.Node;
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_BACKUP_QUERY} ({@code gnt-backup list}, Ganeti's LUBackupQuery): each node's exports, by node name;
 * {@code false} for a node that could not tell (offline, unreachable, no export directory yet), as Ganeti answers.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + BackupQueryOp.OP)
public class BackupQueryOp implements OpDefinition {
    static final String OP = "OP_BACKUP_QUERY";

    @Reference
    ConfigStore store;
    @Reference
    NodeRpc nodes;

    public BackupQueryOp() {
    }

    public BackupQueryOp(ConfigStore store, NodeRpc nodes) {
        this.store = store;
        this.nodes = nodes;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(OpParam.optional("nodes", ParamType.STRING_LIST, List.of(), "List of node names to run the "
                        + "OpCode against"),
                OpParam.optional("use_locking", ParamType.BOOL, false, "Whether to use synchronization"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public LogicalUnit create(OpCode op, LuContext ctx) {
        List<String> names = (List<String>) op.params().get("nodes");
        return new LogicalUnit() {
            private List<Node> wanted;

            @Override
            public void declareLocks(LockPlan plan) {
                wanted = names == null || names.isEmpty() ? store.list(Node.class) : names.stream().map(n ->
                        store.byName(Node.class, n).orElseThrow(() -> GanetiException.prereq("Node '" + n
                                + "' not known", ErrorCode.ECODE_NOENT))).toList();
                if (Boolean.TRUE.equals(op.params().get("use_locking"))) {
                    plan.need(LockLevel.NODE, LockPlan.ALL, true);
                }
            }

            @Override
            public Object exec() {
                return query(nodes, wanted);
            }
        };
    }

    /** Each node's export names, or {@code false} where the node could not answer. */
    static Map<String, Object> query(NodeRpc nodes, List<Node> wanted) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Node n : wanted) {
            try {
                out.put(n.name(), n.offline() ? false : nodes.at(n).exportList());
            } catch (GanetiException e) {
                out.put(n.name(), false);
            }
        }
        return out;
    }
}
