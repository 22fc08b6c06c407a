package org.garnet.core.internal.lu;

import java.util.List;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.osgi.service.component.annotations.Component;

/**
 * {@code OP_CLUSTER_POST_INIT}: the job {@code gnt-cluster init} submits once the cluster exists (Ganeti runs the
 * cluster's post-initialisation hooks in it; Garnet has no hooks yet, so it only marks the end of the
 * initialisation in the queue, as job 1 of every new cluster).
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + ClusterPostInitOp.OP)
public class ClusterPostInitOp implements OpDefinition {
    static final String OP = "OP_CLUSTER_POST_INIT";

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of();
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext ctx) {
        return new LogicalUnit() {
            @Override
            public void declareLocks(LockPlan plan) {
                // no locks: nothing is read or changed
            }

            @Override
            public Object exec() {
                return true;
            }
        };
    }
}
