package org.garnet.core.internal.lu.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
import org.garnet.api.model.NodeGroup;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_GROUP_ASSIGN_NODES} ({@code gnt-group assign-nodes}): moves nodes into a group. Moving a node whose
 * instances would then span groups (mirrored disks) needs {@code force}, as in Ganeti.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + GroupAssignNodesOp.OP)
public class GroupAssignNodesOp implements OpDefinition {
    static final String OP = "OP_GROUP_ASSIGN_NODES";

    @Reference
    ConfigStore store;

    public GroupAssignNodesOp() {
    }

    public GroupAssignNodesOp(ConfigStore store) {
        this.store = store;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(OpParam.required("group_name", ParamType.STRING, "Group name"),
                OpParam.optional("force", ParamType.BOOL, false, "Whether to force the operation"),
                OpParam.required("nodes", ParamType.STRING_LIST, "List of nodes to assign"),
                OpParam.optional("node_uuids", ParamType.ANY, null, "List of node UUIDs to assign"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public LogicalUnit create(OpCode op, LuContext ctx) {
        String name = (String) op.params().get("group_name");
        List<String> nodeNames = (List<String>) op.params().get("nodes");
        boolean force = Boolean.TRUE.equals(op.params().get("force"));
        return new LogicalUnit() {
            private NodeGroup group;
            private final List<Node> nodes = new ArrayList<>();

            @Override
            public void declareLocks(LockPlan plan) {
                group = Groups.require(store, name);
                for (String n : nodeNames) {
                    nodes.add(store.byName(Node.class, n).orElseThrow(() -> GanetiException.prereq(
                            "Node '" + n + "' not known", ErrorCode.ECODE_NOENT)));
                }
                plan.need(LockLevel.INSTANCE, LockPlan.ALL, true);
                plan.need(LockLevel.NODEGROUP, LockPlan.ALL, false);
                Set<String> uuids = new TreeSet<>();
                nodes.forEach(n -> uuids.add(n.uuid()));
                plan.need(LockLevel.NODE, uuids, false);
            }

            @Override
            public void checkPrereq() {
                Set<String> moving = new TreeSet<>();
                nodes.forEach(n -> moving.add(n.uuid()));
                List<String> split = new ArrayList<>();
                for (Instance i : store.list(Instance.class)) {
                    List<String> all = new ArrayList<>(i.secondaryNodes());
                    all.add(i.primaryNode());
                    boolean some = all.stream().anyMatch(moving::contains);
                    boolean allMove = moving.containsAll(all);
                    if (some && !allMove) {
                        split.add(i.name());
                    }
                }
                if (!split.isEmpty() && !force) {
                    throw GanetiException.prereq("The following instances would be split between node groups: "
                            + String.join(", ", split) + ". Use --force to assign the nodes anyway",
                            ErrorCode.ECODE_INVAL);
                }
            }

            @Override
            public Object exec() {
                for (Node n : nodes) {
                    store.update(Node.class, n.uuid(), x -> new Node(x.uuid(), x.name(), x.serialNo(), x.ctime(),
                            x.mtime(), x.primaryIp(), x.secondaryIp(), group.uuid(), x.masterCandidate(), x.drained(),
                            x.offline(), x.masterCapable(), x.vmCapable(), x.powered(), x.ndparams(), x.tags()));
                }
                return null;
            }
        };
    }
}
