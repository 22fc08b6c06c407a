package org.garnet.shell.internal.format;

import java.util.Collection;
import java.util.List;
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

    /**
     * A value as Ganeti's job files give it back: whole floating-point numbers read as integers (its queue
     * and configuration store JSON written by Haskell, which writes {@code 0.0} as {@code 0}).
     */
    public static Object wholeNumbers(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return (long) d.doubleValue();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(PyStr::wholeNumbers).toList();
        }
        if (v instanceof java.util.Map<?, ?> m) {
            java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, wholeNumbers(x)));
            return out;
        }
        return v;
    }

    /** Python's {@code repr()} for the values that occur in parameters. */
    public static String repr(Object v) {
        return v instanceof String s ? "'" + s + "'" : of(v);
    }
}
