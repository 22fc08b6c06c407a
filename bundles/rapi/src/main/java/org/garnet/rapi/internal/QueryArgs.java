package org.garnet.rapi.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A request's query arguments, read as Ganeti's RAPI reads them ({@code parse_qs}: {@code +} is a space, blank
 * values are dropped, an argument may repeat) and checked in one place: an integer argument ({@code bulk},
 * {@code dry-run}, {@code force}, ...) that is not an integer is a 400 naming it, never a silent default.
 */
final class QueryArgs {
    private static final Pattern INTEGER = Pattern.compile("\\s*[+-]?\\d+\\s*");
    private final Map<String, List<String>> values;

    QueryArgs(Map<String, List<String>> values) {
        this.values = values;
    }

    static QueryArgs of(Map<String, List<String>> values) {
        return new QueryArgs(values);
    }

    /** Parses a raw query string; invalid percent-encoding or UTF-8 is a 400. */
    static QueryArgs parse(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("[&;]")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String value = decode(pair.substring(eq + 1));
                if (!value.isEmpty()) {
                    out.computeIfAbsent(decode(pair.substring(0, eq)), k -> new ArrayList<>()).add(value);
                }
            }
        }
        return new QueryArgs(out);
    }

    private static String decode(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%' && hex(s, i + 1)) {
                bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '%') {
                throw new RapiError(400, "Invalid percent-encoding in the query string");
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new RapiError(400, "The query string is not valid UTF-8");
        }
    }

    private static boolean hex(String s, int at) {
        return at + 1 < s.length() && Character.digit(s.charAt(at), 16) >= 0
                && Character.digit(s.charAt(at + 1), 16) >= 0;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The first value, or {@code dflt}. */
    String string(String name, String dflt) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? dflt : v.get(0);
    }

    /** Every value of a repeated argument ({@code ?tag=a&tag=b}). */
    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** Ganeti's {@code _checkIntVariable}: the first value as an integer, 400 when it is not one. */
    BigInteger integer(String name, long dflt) {
        String v = string(name, null);
        if (v == null) {
            return BigInteger.valueOf(dflt);
        }
        if (!INTEGER.matcher(v).matches()) {
            throw new RapiError(400, "Invalid value for the '" + name + "' parameter");
        }
        return new BigInteger(v.strip().replaceFirst("^\\+", ""));
    }

    /** An integer argument used as a flag ({@code bulk}, {@code dry-run}, {@code force}): non-zero is true. */
    boolean flag(String name) {
        return integer(name, 0).signum() != 0;
    }

    /** Sets {@code key} in an opcode's parameters from the flag {@code name} when the request gives it. */
    void flagInto(Map<String, Object> params, String name, String key) {
        if (has(name)) {
            params.put(key, flag(name));
        }
    }
}
