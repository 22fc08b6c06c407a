package org.garnet.core.internal.lu;

import java.util.List;
import java.util.Set;
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
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_TEST_JQUEUE} ({@code gnt-debug test-jobqueue}): locks the master node, logs "Executing", sends each
 * of {@code log_messages} to the job log behind Ganeti's prefix {@code TESTMSG=}, and fails when {@code fail}
 * is set. Ganeti's {@code notify_waitlock}/{@code notify_exec} socket handshakes (a client confirming the job's
 * status at each phase) are accepted but not performed: the test client checks statuses from the job instead.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + TestJqueueOp.OP)
public class TestJqueueOp implements OpDefinition {
    static final String OP = "OP_TEST_JQUEUE";
    /** Ganeti's {@code JQT_MSGPREFIX}. */
    public static final String MSG_PREFIX = "TESTMSG=";

    @Reference
    ConfigStore store;

    public TestJqueueOp() {
    }

    public TestJqueueOp(ConfigStore store) {
        this.store = store;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(
                OpParam.optional("notify_waitlock", ParamType.BOOL, false, "'OpTestJqueue' notify_waitlock"),
                OpParam.optional("notify_exec", ParamType.BOOL, false, "'OpTestJQueue' notify_exec"),
                OpParam.optional("log_messages", ParamType.STRING_LIST, List.of(), "'OpTestJQueue' log_messages"),
                OpParam.optional("fail", ParamType.BOOL, false, "'OpTestJQueue' fail attribute"));
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext ctx) {
        return new LogicalUnit() {
            @Override
            public void declareLocks(LockPlan plan) {
                ctx.feedback("Expanding names");
                store.cluster().ifPresent(c -> plan.need(LockLevel.NODE, Set.of(c.masterNode()), false));
            }

            @Override
            public Object exec() {
                ctx.feedback("Executing");
                @SuppressWarnings("unchecked")
                List<String> messages = (List<String>) op.params().get("log_messages");
                for (int i = 0; i < messages.size(); i++) {
                    ctx.feedback("Sending log message " + (i + 1));
                    ctx.feedback(MSG_PREFIX + messages.get(i));
                }
                if (Boolean.TRUE.equals(op.params().get("fail"))) {
                    throw GanetiException.exec("Opcode failure was requested");
                }
                return true;
            }
        };
    }
}
