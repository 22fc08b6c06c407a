package org.garnet.htools.iallocator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.garnet.htools.loader.Hs;
import org.garnet.htools.model.HtoolsException;

/** Typed access to decoded JSON with the error messages of Ganeti's JSON helpers (fromObj, tryFromObj, ...). */
public final class Fields {
    private Fields() {
    }

    /** Converts one JSON value; throws with Text.JSON's readJSON message. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Object v) throws HtoolsException;
    }

    public static final Reader<String> STRING = v -> {
        if (v instanceof String s) {
            return s;
        }
        throw new HtoolsException("Unable to read String");
    };

    public static final Reader<Integer> INT = v -> {
        if (v instanceof BigDecimal d) {
            return d.setScale(0, RoundingMode.HALF_EVEN).intValue();
        }
        throw new HtoolsException("Unable to read Int");
    };

    public static final Reader<Double> DOUBLE = v -> {
        if (v instanceof BigDecimal d) {
            return d.doubleValue();
        }
        throw new HtoolsException("Unable to read Double");
    };

    public static final Reader<Boolean> BOOL = v -> {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new HtoolsException("Unable to read Bool");
    };

    public static final Reader<Object> ANY = v -> v;

    @SuppressWarnings("unchecked")
    public static final Reader<Map<String, Object>> OBJECT = v -> {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new HtoolsException("Unable to read JSObject");
    };

    public static final Reader<List<String>> STRINGS = list(STRING);

    public static <T> Reader<List<T>> list(Reader<T> elem) {
        return v -> {
            if (!(v instanceof List<?> l)) {
                throw new HtoolsException("Unable to read list");
            }
            List<T> r = new ArrayList<>();
            for (Object o : l) {
                r.add(elem.read(o));
            }
            return r;
        };
    }

    /** Ganeti's asJSObject. */
    public static Map<String, Object> asObject(Object v) throws HtoolsException {
        if (v instanceof Map<?, ?>) {
            return OBJECT.read(v);
        }
        throw new HtoolsException("not an object");
    }

    /** Ganeti's toArray. */
    public static List<?> toArray(Object v) throws HtoolsException {
        if (v instanceof List<?> l) {
            return l;
        }
        throw new HtoolsException("Invalid input, expected array but got " + Json.encode(v));
    }

    static String keys(Map<String, Object> o) {
        List<String> ks = new ArrayList<>();
        for (String k : o.keySet()) {
            int z = k.indexOf('\u0000');
            ks.add(z >= 0 ? k.substring(0, z) : k);
        }
        return Hs.showList(ks);
    }

    /** Ganeti's fromObj. */
    public static <T> T fromObj(Map<String, Object> o, String key, Reader<T> r) throws HtoolsException {
        if (!o.containsKey(key)) {
            throw new HtoolsException("key '" + key + "' not found, object contains only " + keys(o));
        }
        return fromKeyValue(key, o.get(key), r);
    }

    static <T> T fromKeyValue(String key, Object v, Reader<T> r) throws HtoolsException {
        try {
            return r.read(v);
        } catch (HtoolsException e) {
            throw new HtoolsException("key '" + key + "': " + e.getMessage());
        }
    }

    /** Ganeti's tryFromObj: fromObj with the owner prefixed to errors. */
    public static <T> T tryFromObj(String owner, Map<String, Object> o, String key, Reader<T> r)
            throws HtoolsException {
        try {
            return fromObj(o, key, r);
        } catch (HtoolsException e) {
            throw new HtoolsException(owner + ": " + e.getMessage());
        }
    }

    /** Ganeti's maybeFromObj: missing or null gives null. */
    public static <T> T maybeFromObj(Map<String, Object> o, String key, Reader<T> r) throws HtoolsException {
        Object v = o.get(key);
        if (v == null || v == Json.NULL) {
            return null;
        }
        return fromKeyValue(key, v, r);
    }

    /** An enum-like value read from its raw string (Ganeti's "Invalid string value for type T" error). */
    public static <T> Reader<T> raw(String type, RawParser<T> p) {
        return v -> {
            String s = STRING.read(v);
            T t = p.parse(s);
            if (t == null) {
                throw new HtoolsException("Invalid string value for type " + type + ": " + Hs.showString(s));
            }
            return t;
        };
    }

    /** Parses a raw string, null when unknown. */
    @FunctionalInterface
    public interface RawParser<T> {
        T parse(String s);
    }
}
