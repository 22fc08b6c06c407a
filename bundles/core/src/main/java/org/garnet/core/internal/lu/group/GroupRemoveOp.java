package org.garnet.core.internal.lu.group;

import java.util.List;
import java.util.Set;
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
import org.garnet.api.model.NodeGroup;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code OP_GROUP_REMOVE}: removes an empty node group; never the last one (Ganeti's checks and wording). */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + GroupRemoveOp.OP)
public class GroupRemoveOp implements OpDefinition {
    static final String OP = "OP_GROUP_REMOVE";

    @Reference
    ConfigStore store;

    public GroupRemoveOp() {
    }

    public GroupRemoveOp(ConfigStore store) {
        this.store = store;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(OpParam.required("group_name", ParamType.STRING, "Group name"));
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext ctx) {
        String name = (String) op.params().get("group_name");
        return new LogicalUnit() {
            private NodeGroup group;

            @Override
            public void declareLocks(LockPlan plan) {
                group = Groups.require(store, name);
                plan.need(LockLevel.NODEGROUP, Set.of(group.uuid()), false);
            }

            @Override
            public void checkPrereq() {
                group = Groups.require(store, name);
                List<String> members = store.list(Node.class).stream().filter(n -> n.group().equals(group.uuid()))
                        .map(Node::name).toList();
                if (!members.isEmpty()) {
                    throw GanetiException.prereq("Group '" + name + "' not empty, has the following nodes: "
                            + String.join(", ", members), ErrorCode.ECODE_STATE);
                }
                if (store.list(NodeGroup.class).size() == 1) {
                    throw GanetiException.prereq("Group '" + name + "' is the only group, cannot be removed",
                            ErrorCode.ECODE_STATE);
                }
            }

            @Override
            public Object exec() {
                store.remove(NodeGroup.class, group.uuid());
                return null;
            }
        };
    }
}
