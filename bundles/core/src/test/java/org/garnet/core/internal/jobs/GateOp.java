package org.garnet.core.internal.jobs;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.garnet.api.ErrorClass;
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
 * Test opcode {@code OP_TEST_GATE}: runs until the test opens its gate (or the job is canceled), optionally
 * holding a node lock exclusively; records the order in which units start and how many run at once. Lets the
 * queue tests hold jobs in a known state without timing assumptions.
 */
final class GateOp implements OpDefinition {
    static final String OP = "OP_TEST_GATE";
    final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    final List<String> started = new CopyOnWriteArrayList<>();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();

    static OpCode op(String gate) {
        return OpCode.of(OP, Map.of("gate", gate));
    }

    static OpCode locking(String gate, String node) {
        return OpCode.of(OP, Map.of("gate", gate, "lock_node", node));
    }

    void open(String gate) {
        gate(gate).countDown();
    }

    private CountDownLatch gate(String name) {
        return gates.computeIfAbsent(name, k -> new CountDownLatch(1));
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(OpParam.required("gate", ParamType.STRING, "gate name"),
                OpParam.optional("lock_node", ParamType.STRING, null, "node lock to hold exclusively"));
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext ctx) {
        String name = (String) op.params().get("gate");
        String node = (String) op.params().get("lock_node");
        return new LogicalUnit() {
            @Override
            public void declareLocks(LockPlan plan) {
                if (node != null) {
                    plan.need(LockLevel.NODE, Set.of(node), false);
                }
            }

            @Override
            public Object exec() {
                started.add(name);
                int now = running.incrementAndGet();
                maxRunning.accumulateAndGet(now, Math::max);
                try {
                    ctx.feedback("gate " + name + " waiting");
                    while (!gate(name).await(20, TimeUnit.MILLISECONDS)) {
                        if (ctx.cancelRequested()) {
                            throw new GanetiException(ErrorClass.JobCanceled, "canceled", null);
                        }
                    }
                    return name;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw GanetiException.exec("interrupted");
                } finally {
                    running.decrementAndGet();
                }
            }
        };
    }
}
