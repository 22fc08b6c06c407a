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
import org.garnet.api.model.NodeGroup;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code OP_GROUP_RENAME}: renames a node group; the new name must be free. Result: the new name. */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + GroupRenameOp.OP)
public class GroupRenameOp implements OpDefinition {
    static final String OP = "OP_GROUP_RENAME";

    @Reference
    ConfigStore store;

    public GroupRenameOp() {
    }

    public GroupRenameOp(ConfigStore store) {
        this.store = store;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(OpParam.required("group_name", ParamType.STRING, "Group name"),
                OpParam.required("new_name", ParamType.STRING, "New group name"));
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext ctx) {
        String name = (String) op.params().get("group_name");
        String newName = (String) op.params().get("new_name");
        return new LogicalUnit() {
            private NodeGroup group;

            @Override
            public void declareLocks(LockPlan plan) {
                group = Groups.require(store, name);
                plan.need(LockLevel.NODEGROUP, Set.of(group.uuid()), false);
            }

            @Override
            public void checkPrereq() {
                if (store.byName(NodeGroup.class, newName).isPresent()) {
                    throw GanetiException.prereq("Desired new name '" + newName + "' clashes with existing node group",
                            ErrorCode.ECODE_EXISTS);
                }
            }

            @Override
            public Object exec() {
                store.update(NodeGroup.class, group.uuid(), g -> Groups.with(g, newName, g.allocPolicy(), g.ndparams(),
                        g.diskparams(), g.ipolicy()));
                return newName;
            }
        };
    }
}
