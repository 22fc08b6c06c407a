package org.garnet.core.internal.jobs;

import java.util.List;
import org.garnet.api.jobs.OpCode;

/**
 * Ganeti's opcode summary ({@code opSummary}): the {@code OP_ID} without {@code OP_}, plus {@code (value)} of the
 * opcode's descriptive field when it has one ({@code INSTANCE_STARTUP(inst1)}, {@code TEST_DELAY(0.5)}, the value as Python prints it).
 */
public final class Summaries {
    private static final List<String> DESCRIPTIVE = List.of("instance_name", "node_name", "group_name",
            "network_name", "tag_search_pattern");

    private Summaries() {
    }

    public static String of(OpCode op) {
        String base = op.opId().startsWith("OP_") ? op.opId().substring(3) : op.opId();
        String value = value(op);
        return value == null ? base : base + "(" + value + ")";
    }

    private static String value(OpCode op) {
        if (op.opId().equals("OP_TEST_DELAY") && op.params().get("duration") instanceof Number d) {
            return String.valueOf(d);
        }
        if (op.opId().equals("OP_CLUSTER_RENAME") && op.params().get("name") instanceof String s) {
            return s;
        }
        if (op.opId().equals("OP_CLUSTER_VERIFY")) {
            return null;
        }
        for (String f : DESCRIPTIVE) {
            if (op.params().get(f) instanceof String s) {
                return s;
            }
        }
        return null;
    }
}
