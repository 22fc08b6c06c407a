package org.garnet.core.internal.lu.group;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.garnet.api.model.Cluster;
import org.garnet.api.model.InstancePolicy;
import org.garnet.api.model.NodeGroup;
import org.garnet.core.internal.policy.IPolicies;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_GROUP_SET_PARAMS} ({@code gnt-group modify}): allocation policy, node and disk parameters, instance
 * policy (on top of the group's own, or of the cluster's when the group has none). Result: the changes as
 * Ganeti lists them ({@code [[name, value], ...]}).
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + GroupSetParamsOp.OP)
public class GroupSetParamsOp implements OpDefinition {
    static final String OP = "OP_GROUP_SET_PARAMS";

    @Reference
    ConfigStore store;

    public GroupSetParamsOp() {
    }

    public GroupSetParamsOp(ConfigStore store) {
        this.store = store;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        List<OpParam> p = new ArrayList<>(List.of(OpParam.required("group_name", ParamType.STRING, "Group name")));
        p.addAll(Groups.settable());
        return p;
    }

    @Override
    @SuppressWarnings("unchecked")
    public LogicalUnit create(OpCode op, LuContext ctx) {
        Map<String, Object> p = op.params();
        String name = (String) p.get("group_name");
        return new LogicalUnit() {
            private NodeGroup group;

            @Override
            public void checkArguments() {
                Groups.checkAllocPolicy(p.get("alloc_policy"));
                if (p.get("alloc_policy") == null && p.get("ndparams") == null && p.get("diskparams") == null
                        && p.get("ipolicy") == null && p.get("hv_state") == null && p.get("disk_state") == null) {
                    throw GanetiException.prereq("Please pass at least one modification", ErrorCode.ECODE_INVAL);
                }
            }

            @Override
            public void declareLocks(LockPlan plan) {
                group = Groups.require(store, name);
                plan.need(LockLevel.NODEGROUP, Set.of(group.uuid()), false);
            }

            @Override
            public Object exec() {
                Cluster cluster = store.cluster().orElseThrow();
                List<Object> changes = new ArrayList<>();
                store.update(NodeGroup.class, group.uuid(), g -> {
                    String alloc = g.allocPolicy();
                    if (p.get("alloc_policy") != null) {
                        alloc = (String) p.get("alloc_policy");
                        changes.add(List.of("alloc_policy", alloc));
                    }
                    Map<String, Object> nd = g.ndparams();
                    if (p.get("ndparams") != null) {
                        nd = new LinkedHashMap<>(g.ndparams());
                        nd.putAll((Map<String, Object>) p.get("ndparams"));
                        changes.add(List.of("ndparams", nd.toString()));
                    }
                    Map<String, Map<String, Object>> dp = g.diskparams();
                    if (p.get("diskparams") != null) {
                        dp = new LinkedHashMap<>(g.diskparams());
                        dp.putAll((Map<String, Map<String, Object>>) p.get("diskparams"));
                        changes.add(List.of("diskparams", dp.toString()));
                    }
                    InstancePolicy ip = g.ipolicy();
                    if (p.get("ipolicy") != null) {
                        ip = IPolicies.merge(ip == null ? cluster.ipolicy() : ip, (Map<String, Object>) p.get("ipolicy"));
                        changes.add(List.of("ipolicy", IPolicies.toDict(ip).toString()));
                    }
                    return Groups.with(g, g.name(), alloc, nd, dp, ip);
                });
                return changes;
            }
        };
    }
}
