package org.garnet.core.internal.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import org.garnet.api.ErrorClass;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.model.Node;

/** Reads a node daemon's {@code [true, result]} / {@code [false, message, class, code]} reply. */
final class Replies {
    private Replies() {
    }

    static JsonNode result(Node node, String procedure, JsonNode reply) {
        if (reply == null || !reply.isArray() || reply.size() < 2) {
            throw GanetiException.exec("Node " + node.name() + " answered " + procedure + " with a malformed reply");
        }
        if (reply.get(0).asBoolean()) {
            return reply.get(1);
        }
        String message = reply.get(1).asText();
        ErrorClass cls = parse(ErrorClass.class, reply.path(2).asText(null), ErrorClass.OpExecError);
        ErrorCode code = parse(ErrorCode.class, reply.path(3).asText(null), null);
        throw new GanetiException(cls, message, code);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, E fallback) {
        if (name == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
