package org.garnet.core.internal.lu.instance;

import java.util.List;
import java.util.Map;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.locks.LockLevel;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_BACKUP_REMOVE} ({@code gnt-backup remove INSTANCE}, Ganeti's LUBackupRemove): the instance's exports go
 * from every node that has one. The instance need not exist any more: a removed instance's exports are found by
 * the full name given.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + BackupRemoveOp.OP)
public class BackupRemoveOp implements OpDefinition {
    static final String OP = "OP_BACKUP_REMOVE";

    @Reference
    ConfigStore store;
    @Reference
    NodeRpc nodes;

    public BackupRemoveOp() {
    }

    public BackupRemoveOp(ConfigStore store, NodeRpc nodes) {
        this.store = store;
        this.nodes = nodes;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(OpParam.required("instance_name", ParamType.STRING, "Instance name"),
                OpParam.optional("instance_uuid", ParamType.STRING, null, "Instance UUID"));
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext ctx) {
        String given = (String) op.params().get("instance_name");
        return new LogicalUnit() {
            @Override
            public void declareLocks(LockPlan plan) {
                plan.need(LockLevel.NODE, LockPlan.ALL, false);
            }

            @Override
            public Object exec() {
                String name = store.byName(Instance.class, given).map(Instance::name).orElse(null);
                boolean fqdnWarn = name == null;
                if (name == null) {
                    name = given;
                }
                boolean found = false;
                for (Node n : store.list(Node.class)) {
                    Map<String, Object> one = BackupQueryOp.query(nodes, List.of(n));
                    if (!(one.get(n.name()) instanceof List<?> there)) {
                        ctx.feedback(" - WARNING: Failed to query node " + n.name() + " (continuing)");
                        continue;
                    }
                    if (there.contains(name)) {
                        found = true;
                        try {
                            nodes.at(n).exportRemove(name);
                        } catch (org.garnet.api.GanetiException e) {
                            ctx.feedback(" - WARNING: Could not remove export for instance " + name + " on node "
                                    + n.name() + ": " + e.getMessage());
                        }
                    }
                }
                if (fqdnWarn && !found) {
                    ctx.feedback("Export not found. If trying to remove an export belonging to a deleted instance "
                            + "please use its Fully Qualified Domain Name.");
                }
                return null;
            }
        };
    }
}
