package org.garnet.htools.iallocator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.garnet.htools.model.HtoolsException;

/**
 * A small JSON reader/writer with the behaviour (and error messages) of Haskell's Text.JSON as Ganeti uses it
 * ({@code decodeStrict}/{@code encodeStrict}). Values: {@link LinkedHashMap} (objects, key order kept),
 * {@link List}, {@link String}, {@link BigDecimal}, {@link Boolean} and {@link #NULL}.
 */
public final class Json {
    /** The JSON null value. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private final String s;
    private int pos;

    private Json(String s) {
        this.s = s;
    }

    /** Parses a top-level object or array; the error message is Text.JSON's. */
    public static Object decode(String text) throws HtoolsException {
        Json j = new Json(text);
        if (text.isEmpty() || (text.charAt(0) != '{' && text.charAt(0) != '[')) {
            throw new HtoolsException(
                    "Invalid JSON: a JSON text a serialized object or array at the top level.");
        }
        Object v = j.value();
        j.skipSpace();
        if (j.pos < text.length()) {
            throw new HtoolsException("Invalid tokens at end of JSON string: "
                    + org.garnet.htools.loader.Hs.showString(j.context(j.pos, 10)));
        }
        return v;
    }

    private String context(int from, int n) {
        int f = Math.min(from, s.length());
        return s.substring(f, Math.min(s.length(), f + n));
    }

    private HtoolsException err(String msg, int from) {
        return new HtoolsException(msg + context(from, 8));
    }

    private void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private boolean at(String lit) {
        return s.startsWith(lit, pos);
    }

    private Object value() throws HtoolsException {
        if (pos >= s.length()) {
            throw err("Malformed JSON: invalid token in this context ", pos);
        }
        char c = s.charAt(pos);
        switch (c) {
            case '"':
                return string();
            case '[':
                return array();
            case '{':
                return object();
            case 't':
            case 'f':
                if (at("true")) {
                    pos += 4;
                    return Boolean.TRUE;
                }
                if (at("false")) {
                    pos += 5;
                    return Boolean.FALSE;
                }
                throw err("Unable to parse JSON Bool: ", pos);
            default:
                if (at("null")) {
                    pos += 4;
                    return NULL;
                }
                if (c == '-' || Character.isDigit(c)) {
                    return number();
                }
                throw err("Malformed JSON: invalid token in this context ", pos);
        }
    }

    private Object number() throws HtoolsException {
        int start = pos;
        if (s.charAt(pos) == '-') {
            pos++;
        }
        int ds = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            pos++;
        }
        if (ds == pos) {
            throw err("Unable to parse JSON Rational: ", Math.min(s.length(), pos + 1));
        }
        if (s.charAt(ds) == '0') {
            pos = ds + 1;
        }
        if (pos < s.length() && s.charAt(pos) == '.') {
            pos++;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
        }
        String mant = s.substring(start, pos);
        if (mant.endsWith(".")) {
            mant = mant + "0";
        }
        int exp = 0;
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            pos++;
            int es = pos;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                pos++;
            }
            int dstart = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (dstart == pos) {
                throw err("Unable to parse JSON exponential: ", pos);
            }
            exp = Integer.parseInt(s.substring(es, pos).replace("+", ""));
        }
        return new BigDecimal(mant).scaleByPowerOfTen(exp);
    }

    private String string() throws HtoolsException {
        pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw err("Unable to parse JSON String: unterminated String: ", pos);
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                if (pos >= s.length()) {
                    throw err("Unable to parse JSON String: unterminated String: ", pos);
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length() || !s.substring(pos, pos + 4).matches("[0-9a-fA-F]{4}")) {
                            throw err("Unable to parse JSON String: invalid hex: ", pos);
                        }
                        b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> throw new HtoolsException("Unable to parse JSON String: invalid escape char: '"
                            + e + "'");
                }
            } else if (c < ' ') {
                throw new HtoolsException("Illegal unescaped character in string: " + s.substring(pos - 1,
                        Math.min(s.length(), pos + 7)));
            } else {
                b.append(c);
            }
        }
    }

    private List<Object> array() throws HtoolsException {
        pos++;
        skipSpace();
        List<Object> r = new ArrayList<>();
        if (pos < s.length() && s.charAt(pos) == ']') {
            pos++;
            return r;
        }
        while (true) {
            r.add(value());
            int after = pos;
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == ',') {
                pos++;
                skipSpace();
            } else if (pos < s.length() && s.charAt(pos) == ']') {
                pos++;
                return r;
            } else {
                throw err("Unable to parse JSON array: unterminated array: ", after);
            }
        }
    }

    private Map<String, Object> object() throws HtoolsException {
        pos++;
        skipSpace();
        Map<String, Object> r = new LinkedHashMap<>();
        if (pos < s.length() && s.charAt(pos) == '}') {
            pos++;
            return r;
        }
        while (true) {
            if (pos >= s.length() || s.charAt(pos) != '"') {
                throw err("Malformed JSON: expecting string: ", pos);
            }
            String k = string();
            int afterKey = pos;
            skipSpace();
            if (pos >= s.length() || s.charAt(pos) != ':') {
                throw err("Malformed JSON labelled field: ", afterKey);
            }
            pos++;
            skipSpace();
            Object v = value();
            if (!r.containsKey(k)) {
                r.put(k, v);
            } else {
                r.put(k + "\u0000" + r.size(), v);
            }
            int after = pos;
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == ',') {
                pos++;
                skipSpace();
            } else if (pos < s.length() && s.charAt(pos) == '}') {
                pos++;
                return r;
            } else {
                throw err("Unable to parse JSON object: unterminated sequence: ", after);
            }
        }
    }

    // ---- encoding ------------------------------------------------------------------------------------------

    /** Compact encoding (Text.JSON's encodeStrict). */
    public static String encode(Object v) {
        StringBuilder b = new StringBuilder();
        write(b, v);
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(StringBuilder b, Object v) {
        if (v == null || v == NULL) {
            b.append("null");
        } else if (v instanceof String str) {
            writeString(b, str);
        } else if (v instanceof Boolean bo) {
            b.append(bo ? "true" : "false");
        } else if (v instanceof Integer || v instanceof Long) {
            b.append(v);
        } else if (v instanceof BigDecimal bd) {
            b.append(bd.stripTrailingZeros().scale() <= 0 ? bd.toBigInteger().toString() : bd.toPlainString());
        } else if (v instanceof Double d) {
            b.append(d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) (double) d)
                    : Double.toString(d));
        } else if (v instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                writeString(b, e.getKey());
                b.append(':');
                write(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                write(b, l.get(i));
            }
            b.append(']');
        } else {
            writeString(b, v.toString());
        }
    }

    private static void writeString(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < ' ' || c > '~') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
