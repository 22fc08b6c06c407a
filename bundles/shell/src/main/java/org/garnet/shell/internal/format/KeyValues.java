package org.garnet.shell.internal.format;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;

/**
 * Ganeti's {@code key=val,key=val} option values: {@code no_key} means False, a bare {@code key} means True,
 * {@code -key} means "reset to default" (null); {@code -H hv:key=val} groups by hypervisor.
 */
public final class KeyValues {
    private KeyValues() {
    }

    public static Map<String, Object> parse(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String item : unescapeAndSplit(text, ',')) {
            int eq = item.indexOf('=');
            if (eq > 0) {
                out.put(item.substring(0, eq), item.substring(eq + 1));
            } else if (item.startsWith("no_")) {
                out.put(item.substring(3), Boolean.FALSE);
            } else if (item.startsWith("-")) {
                out.put(item.substring(1), null);
            } else if (!item.isEmpty()) {
                out.put(item, Boolean.TRUE);
            }
        }
        return out;
    }

    /**
     * Ganeti's {@code UnescapeAndSplit}: {@code sep} separates, {@code \,} is a comma inside an element,
     * {@code \\} a backslash.
     */
    static List<String> unescapeAndSplit(String text, char sep) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                cur.append(text.charAt(++i));
            } else if (c == sep) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** {@code -H kvm:a=b -H fake:c=d} → {kvm: {a: b}, fake: {c: d}}. */
    public static Map<String, Map<String, Object>> grouped(List<String> values, String option) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (values == null) {
            return out;
        }
        for (String v : values) {
            int colon = v.indexOf(':');
            String name = colon < 0 ? v : v.substring(0, colon);
            if (name.isEmpty()) {
                throw GanetiException.prereq("Invalid " + option + " value '" + v + "'", ErrorCode.ECODE_INVAL);
            }
            out.put(name, parse(colon < 0 ? "" : v.substring(colon + 1)));
        }
        return out;
    }

    public static List<String> list(String commaSeparated) {
        return commaSeparated == null ? null
                : List.of(commaSeparated.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Ganeti's yes/no option values as booleans; anything else is passed on for the opcode check to refuse. */
    public static Object yesNo(String v) {
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "yes" -> Boolean.TRUE;
            case "no" -> Boolean.FALSE;
            default -> v;
        };
    }
}
