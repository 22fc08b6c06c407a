package org.garnet.core.internal.jobs;

import java.util.List;
import java.util.Set;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.locks.LockLevel;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;

/**
 * Test opcode {@code OP_TEST_OPPORTUNISTIC}: locks nodes opportunistically (at least one) and, like an allocator
 * that finds too little room, answers {@code ECODE_TEMP_NORES} until it holds {@code need} of them; returns the
 * nodes it finally held.
 */
final class OpportunisticOp implements OpDefinition {
    static final String OP = "OP_TEST_OPPORTUNISTIC";

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(OpParam.required("nodes", ParamType.STRING_LIST, "nodes to try"),
                OpParam.required("need", ParamType.NON_NEGATIVE_INT, "nodes needed"));
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext ctx) {
        @SuppressWarnings("unchecked")
        Set<String> nodes = Set.copyOf((List<String>) op.params().get("nodes"));
        int need = ((Number) op.params().get("need")).intValue();
        return new LogicalUnit() {
            private LockPlan plan;

            @Override
            public void declareLocks(LockPlan p) {
                plan = p;
                p.opportunistic(LockLevel.NODE, nodes, false, 1);
            }

            @Override
            public void checkPrereq() {
                if (plan.held(LockLevel.NODE).size() < need) {
                    throw GanetiException.prereq("Only " + plan.held(LockLevel.NODE).size() + " nodes free",
                            ErrorCode.ECODE_TEMP_NORES);
                }
            }

            @Override
            public Object exec() {
                return List.copyOf(plan.held(LockLevel.NODE));
            }
        };
    }
}
