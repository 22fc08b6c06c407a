package org.garnet.shell.internal.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import org.garnet.api.jobs.OpCode;

/** An opcode's input fields as Ganeti shows them ({@code OP_ID}, its parameters, the common ones). */
public final class OpCodeMaps {
    private OpCodeMaps() {
    }

    public static Map<String, Object> input(OpCode op) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("OP_ID", op.opId());
        m.putAll(op.params());
        m.put("comment", op.comment());
        m.put("priority", op.priority());
        m.put("depends", op.depends().isEmpty() ? null : op.depends().stream().map(d -> java.util.List.of(d.jobId(),
                d.allowed().stream().map(Enum::name).toList())).toList());
        m.put("reason", op.reason().stream().map(r -> java.util.List.of(r.source(), r.reason(),
                r.timestampNs())).toList());
        m.put("dry_run", op.dryRun());
        m.put("debug_level", op.debugLevel());
        return m;
    }
}
