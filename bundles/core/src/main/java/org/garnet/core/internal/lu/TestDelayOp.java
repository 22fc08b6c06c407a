package org.garnet.core.internal.lu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.garnet.api.ErrorClass;
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
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_TEST_DELAY} ({@code gnt-debug delay}): sleeps {@code duration} seconds, {@code repeat} times, on the
 * master and/or the given nodes. With {@code no_locks} (Ganeti's default, true) it takes no node locks, so
 * delays run side by side; without it the nodes are locked exclusively. The sleep stops early when the job is
 * canceled. With {@code on_nodes} (and not interruptible) the nodes sleep, as in Ganeti: each node's daemon is
 * called ({@code test_delay}, the master's too when {@code on_master}), all at once; a node that fails it fails the
 * opcode, naming the node. A unit test's instance made without node RPC sleeps here.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + TestDelayOp.OP)
public class TestDelayOp implements OpDefinition {
    static final String OP = "OP_TEST_DELAY";

    @Reference
    ConfigStore store;
    @Reference
    org.garnet.core.internal.rpc.NodeRpc rpc;

    public TestDelayOp() {
    }

    public TestDelayOp(ConfigStore store) {
        this.store = store;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(
                OpParam.required("duration", ParamType.NUMBER, "Duration parameter for 'OpTestDelay'"),
                OpParam.optional("on_master", ParamType.BOOL, true, "on_master field for 'OpTestDelay'"),
                OpParam.optional("on_nodes", ParamType.STRING_LIST, List.of(), "on_nodes field for 'OpTestDelay'"),
                OpParam.optional("on_node_uuids", ParamType.ANY, null, "on_node_uuids field for 'OpTestDelay'"),
                OpParam.optional("repeat", ParamType.NON_NEGATIVE_INT, 0, "Repeat parameter for OpTestDelay"),
                OpParam.optional("interruptible", ParamType.BOOL, false, "Allows the opcode to be interrupted"),
                OpParam.optional("no_locks", ParamType.BOOL, true, "Don't take locks during the delay"));
    }


    @Override
    public LogicalUnit create(OpCode op, LuContext context) {
        return new Unit(op.params(), context);
    }

    private final class Unit implements LogicalUnit {
        private final Map<String, Object> p;
        private final LuContext ctx;
        private final double duration;
        private final List<String> nodeUuids = new ArrayList<>();

        Unit(Map<String, Object> params, LuContext ctx) {
            this.p = params;
            this.ctx = ctx;
            this.duration = ((Number) params.get("duration")).doubleValue();
        }

        @Override
        public void checkArguments() {
            if (duration <= 0) {
                // Ganeti raises this one without an error code
                throw new GanetiException(ErrorClass.OpPrereqError, "Duration must be greater than zero", null);
            }
        }

        @Override
        public void declareLocks(LockPlan plan) {
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) p.get("on_nodes");
            for (String name : names) {
                Node node = store.byName(Node.class, name).orElseThrow(() -> GanetiException.prereq(
                        "Node '" + name + "' not known", ErrorCode.ECODE_NOENT));
                nodeUuids.add(node.uuid());
            }
            if (Boolean.TRUE.equals(p.get("on_master"))) {
                store.cluster().ifPresent(c -> {
                    if (c.masterNode() != null && !nodeUuids.contains(c.masterNode())) {
                        nodeUuids.add(c.masterNode());
                    }
                });
            }
            if (!Boolean.TRUE.equals(p.get("no_locks")) && !nodeUuids.isEmpty()) {
                plan.need(LockLevel.NODE, Set.copyOf(nodeUuids), false);
            }
        }

        @Override
        public Object exec() {
            int repeat = ((Number) p.get("repeat")).intValue();
            if (repeat == 0) {
                delay();
            } else {
                for (int i = 0; i < repeat; i++) {
                    ctx.feedback("Test delay iteration " + (i + 1) + "/" + repeat);
                    delay();
                }
            }
            return null;
        }

        private void delay() {
            @SuppressWarnings("unchecked")
            List<String> named = (List<String>) p.get("on_nodes");
            if (rpc != null && !named.isEmpty() && !Boolean.TRUE.equals(p.get("interruptible"))) {
                List<Node> nodes = nodeUuids.stream().map(u -> store.get(Node.class, u).orElseThrow()).toList();
                rpc.each(nodes, c -> {
                    c.testDelay(duration);
                    return Boolean.TRUE;
                }).forEach((name, outcome) -> {
                    if (!outcome.ok()) {
                        throw GanetiException.exec("Failure during rpc call to node " + name + ": "
                                + outcome.error().getMessage());
                    }
                });
                return;
            }
            long end = System.nanoTime() + (long) (duration * 1e9);
            long left;
            while ((left = end - System.nanoTime()) > 0) {
                if (ctx.cancelRequested()) {
                    throw new GanetiException(ErrorClass.JobCanceled, "Job canceled by request", null);
                }
                LockSupport.parkNanos(Math.min(left, 50_000_000L));
            }
        }
    }
}
