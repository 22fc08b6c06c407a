package org.garnet.core.internal.lu.node;

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
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_NODE_REMOVE} ({@code gnt-node remove}): refused for the master and for a node any instance uses
 * (Ganeti's messages); otherwise the candidate pool is refilled without it, the node leaves the configuration,
 * is told to forget its cluster (a failure there is only a warning), loses its admission, and the remaining
 * nodes get the new facts.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + NodeRemoveOp.OP)
public class NodeRemoveOp implements OpDefinition {
    static final String OP = "OP_NODE_REMOVE";
    private final ConfigStore store;
    private final NodeRoles roles;

    @Activate
    public NodeRemoveOp(@Reference ConfigStore store, @Reference NodeRoles roles) {
        this.store = store;
        this.roles = roles;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(OpParam.required("node_name", ParamType.STRING, "Node name"),
                OpParam.optional("node_uuid", ParamType.STRING, null, "Node UUID"));
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext ctx) {
        Map<String, Object> p = op.params();
        String name = (String) p.get("node_name");
        return new LogicalUnit() {
            private Node node;

            @Override
            public void declareLocks(LockPlan plan) {
                plan.need(LockLevel.NODE, LockPlan.ALL, false);
            }

            @Override
            public void checkPrereq() {
                node = Nodes.require(store, name);
                if (node.uuid().equals(store.cluster().orElseThrow().masterNode())) {
                    throw GanetiException.prereq("Node is the master node, failover to another node is required",
                            ErrorCode.ECODE_INVAL);
                }
                for (Instance i : store.list(Instance.class)) {
                    if (i.primaryNode().equals(node.uuid()) || i.secondaryNodes().contains(node.uuid())) {
                        throw GanetiException.prereq("Instance " + i.name() + " is still running on the node, "
                                + "please remove first", ErrorCode.ECODE_INVAL);
                    }
                }
            }

            @Override
            public Object exec() {
                for (Node promoted : CandidatePool.fill(store, List.of(node.uuid()))) {
                    ctx.feedback("Promoted nodes to master candidate role: " + promoted.name());
                }
                store.remove(Node.class, node.uuid());
                if (!node.offline()) {
                    try {
                        roles.rpc().at(node).leaveCluster();
                    } catch (GanetiException e) {
                        ctx.feedback("Warning: Errors encountered on the remote node while leaving the cluster: "
                                + e.getMessage());
                    }
                }
                roles.changed(ctx);
                return null;
            }
        };
    }
}
