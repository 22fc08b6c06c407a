package org.garnet.core.internal.jobs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.garnet.api.jobs.OpCode;

/**
 * Ganeti's opcode summary ({@code opSummary}): the {@code OP_ID} without {@code OP_}, plus {@code (value)} of the
 * opcode's descriptive field for the opcodes that have one ({@code INSTANCE_STARTUP(inst1)},
 * {@code TEST_DELAY(0.5)}, the value as Python prints it; {@code INSTANCE_RENAME} and {@code INSTANCE_QUERY_DATA}
 * have none, as in Ganeti).
 */
public final class Summaries {
    private static final Map<String, String> FIELD = new HashMap<>();

    static {
        for (String op : List.of("CLUSTER_VERIFY_GROUP", "GROUP_VERIFY_DISKS", "GROUP_ADD", "GROUP_ASSIGN_NODES",
                "GROUP_SET_PARAMS", "GROUP_REMOVE", "GROUP_EVACUATE")) {
            FIELD.put("OP_" + op, "group_name");
        }
        for (String op : List.of("NODE_REMOVE", "NODE_ADD", "NODE_MODIFY_STORAGE", "REPAIR_NODE_STORAGE",
                "NODE_SET_PARAMS", "NODE_POWERCYCLE", "NODE_MIGRATE", "NODE_EVACUATE")) {
            FIELD.put("OP_" + op, "node_name");
        }
        for (String op : List.of("INSTANCE_CREATE", "INSTANCE_REINSTALL", "INSTANCE_REMOVE", "INSTANCE_STARTUP",
                "INSTANCE_SHUTDOWN", "INSTANCE_REBOOT", "INSTANCE_REPLACE_DISKS", "INSTANCE_FAILOVER",
                "INSTANCE_MIGRATE", "INSTANCE_MOVE", "INSTANCE_CONSOLE", "INSTANCE_ACTIVATE_DISKS",
                "INSTANCE_DEACTIVATE_DISKS", "INSTANCE_RECREATE_DISKS", "INSTANCE_SET_PARAMS", "INSTANCE_GROW_DISK",
                "INSTANCE_CHANGE_GROUP", "BACKUP_PREPARE", "BACKUP_EXPORT", "BACKUP_REMOVE")) {
            FIELD.put("OP_" + op, "instance_name");
        }
        for (String op : List.of("NETWORK_ADD", "NETWORK_REMOVE", "NETWORK_SET_PARAMS", "NETWORK_CONNECT",
                "NETWORK_DISCONNECT")) {
            FIELD.put("OP_" + op, "network_name");
        }
        FIELD.put("OP_CLUSTER_RENAME", "name");
        FIELD.put("OP_QUERY", "what");
        FIELD.put("OP_QUERY_FIELDS", "what");
        FIELD.put("OP_TAGS_GET", "kind");
        FIELD.put("OP_TAGS_SEARCH", "pattern");
        FIELD.put("OP_TEST_DELAY", "duration");
        FIELD.put("OP_TEST_ALLOCATOR", "iallocator");
    }

    private Summaries() {
    }

    public static String of(OpCode op) {
        String base = op.opId().startsWith("OP_") ? op.opId().substring(3) : op.opId();
        String field = FIELD.get(op.opId());
        if (field == null) {
            return base;
        }
        Object value = op.params().get(field);
        if (value == null) {
            return op.opId().equals("OP_TEST_ALLOCATOR") ? base + "(None)" : base;
        }
        return base + "(" + value + ")";
    }
}
