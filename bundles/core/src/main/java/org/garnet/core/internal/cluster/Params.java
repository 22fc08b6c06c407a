package org.garnet.core.internal.cluster;

import static org.garnet.api.ErrorCode.ECODE_INVAL;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.garnet.api.GanetiException;

/** Reads typed values out of opcode parameters (which may come from JSON or from the shell as text). */
final class Params {
    private Params() {
    }

    static int asInt(String key, Object v) {
        if (v instanceof Number n && n.doubleValue() == n.longValue()) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw wrongType(key, v, "an integer");
        }
    }

    static boolean asBool(String key, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim().toLowerCase();
        return switch (s) {
            case "yes", "true", "1" -> true;
            case "no", "false", "0" -> false;
            default -> throw wrongType(key, v, "a boolean");
        };
    }

    static String asString(String key, Object v) {
        if (v == null || v instanceof Map || v instanceof List) {
            throw wrongType(key, v, "a string");
        }
        return String.valueOf(v);
    }

    static List<String> asList(String key, Object v) {
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        if (v instanceof String s) {
            return s.isEmpty() ? List.of() : Arrays.stream(s.split(",")).map(String::trim).toList();
        }
        throw wrongType(key, v, "a list");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asDict(String key, Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<Object, Object>) m).forEach((k, val) -> out.put(String.valueOf(k), val));
            return out;
        }
        throw wrongType(key, v, "a dictionary");
    }

    private static GanetiException wrongType(String key, Object v, String what) {
        return GanetiException.prereq("Parameter '" + key + "' must be " + what + ", got '" + v + "'", ECODE_INVAL);
    }
}
