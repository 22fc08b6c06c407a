package org.garnet.core.internal.lu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.JobDependency;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.locks.LockLevel;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.garnet.api.lu.ResultWithJobs;
import org.garnet.api.model.NodeGroup;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_CLUSTER_VERIFY} ({@code gnt-cluster verify}): as Ganeti, it verifies nothing itself but expands into
 * jobs: one {@code OP_CLUSTER_VERIFY_CONFIG} (unless a group is named) and one {@code OP_CLUSTER_VERIFY_GROUP}
 * per node group, each group job depending on the config job.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + ClusterVerifyOp.OP)
public class ClusterVerifyOp implements OpDefinition {
    static final String OP = "OP_CLUSTER_VERIFY";

    @Reference
    ConfigStore store;

    public ClusterVerifyOp() {
    }

    public ClusterVerifyOp(ConfigStore store) {
        this.store = store;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return VerifyParams.common(true);
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext context) {
        return new LogicalUnit() {
            @Override
            public void declareLocks(LockPlan plan) {
                plan.need(LockLevel.NODEGROUP, LockPlan.ALL, true);
            }

            @Override
            public Object exec() {
                Map<String, Object> p = op.params();
                String only = (String) p.get("group_name");
                List<NodeGroup> groups = new ArrayList<>();
                if (only != null) {
                    groups.add(store.byName(NodeGroup.class, only).orElseThrow(() -> GanetiException.prereq(
                            "Node group '" + only + "' not found", ErrorCode.ECODE_NOENT)));
                } else {
                    groups.addAll(store.list(NodeGroup.class));
                }
                List<List<OpCode>> jobs = new ArrayList<>();
                Map<String, Object> shared = new LinkedHashMap<>();
                for (String k : List.of("debug_simulate_errors", "error_codes", "verbose", "ignore_errors")) {
                    shared.put(k, p.get(k));
                }
                if (only == null) {
                    jobs.add(List.of(OpCode.of(ClusterVerifyConfigOp.OP, shared)));
                }
                for (NodeGroup g : groups) {
                    Map<String, Object> gp = new LinkedHashMap<>(shared);
                    gp.put("group_name", g.uuid()); // Ganeti's verify jobs name the group by UUID
                    gp.put("skip_checks", p.get("skip_checks"));
                    OpCode groupOp = OpCode.of(ClusterVerifyGroupOp.OP, gp);
                    if (only == null) {
                        groupOp = groupOp.withDepends(List.of(new JobDependency(-jobs.size(), List.of())));
                    }
                    jobs.add(List.of(groupOp));
                }
                return new ResultWithJobs(jobs, Map.of());
            }
        };
    }
}
