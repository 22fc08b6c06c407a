package org.garnet.shell.internal.format;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** Python's {@code str()} of a value, which is what Ganeti's CLI prints. */
public final class PyStr {
    private PyStr() {
    }

    public static String of(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e16 ? String.format("%.1f", d) : String.valueOf(d);
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(PyStr::repr).collect(Collectors.joining(", ", "[", "]"));
        }
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> repr(e.getKey()) + ": " + repr(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(v);
    }

    /** Python's {@code repr()} for the values that occur in parameters. */
    public static String repr(Object v) {
        return v instanceof String s ? "'" + s + "'" : of(v);
    }
}
