package org.garnet.core.internal.lu.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
import org.garnet.api.model.Cluster;
import org.garnet.api.model.NodeGroup;
import org.garnet.core.internal.policy.IPolicies;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code OP_GROUP_ADD} ({@code gnt-group add}): a new, empty node group with its own parameters and policy. */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + GroupAddOp.OP)
public class GroupAddOp implements OpDefinition {
    static final String OP = "OP_GROUP_ADD";

    @Reference
    ConfigStore store;

    public GroupAddOp() {
    }

    public GroupAddOp(ConfigStore store) {
        this.store = store;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        List<OpParam> p = new ArrayList<>(List.of(OpParam.required("group_name", ParamType.STRING, "Group name"),
                OpParam.optional("networks", ParamType.LIST, List.of(), "Networks to connect")));
        p.addAll(Groups.settable());
        return p;
    }

    @Override
    @SuppressWarnings("unchecked")
    public LogicalUnit create(OpCode op, LuContext ctx) {
        Map<String, Object> p = op.params();
        String name = (String) p.get("group_name");
        return new LogicalUnit() {
            @Override
            public void checkArguments() {
                Groups.checkAllocPolicy(p.get("alloc_policy"));
            }

            @Override
            public void declareLocks(LockPlan plan) {
                plan.need(LockLevel.NODEGROUP, LockPlan.ALL, false);
            }

            @Override
            public void checkPrereq() {
                if (store.byName(NodeGroup.class, name).isPresent()) {
                    throw GanetiException.prereq("Desired group name '" + name + "' already exists as a node group",
                            ErrorCode.ECODE_EXISTS);
                }
            }

            @Override
            public Object exec() {
                Cluster cluster = store.cluster().orElseThrow();
                Map<String, Object> ip = (Map<String, Object>) p.get("ipolicy");
                store.add(new NodeGroup(UUID.randomUUID().toString(), name, 0, 0, 0,
                        p.get("alloc_policy") == null ? "preferred" : (String) p.get("alloc_policy"),
                        p.get("ndparams") == null ? Map.of() : (Map<String, Object>) p.get("ndparams"),
                        p.get("diskparams") == null ? Map.of() : (Map<String, Map<String, Object>>) p.get("diskparams"),
                        ip == null ? null : IPolicies.merge(cluster.ipolicy(), ip), List.of(), Set.of()));
                return null;
            }
        };
    }
}
