package org.garnet.shell.internal.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ganeti's {@code PrintGenericInfo}: nested ordered entries, sorted dictionaries and lists printed as indented
 * YAML-like text ("key: value", two spaces per level, "- " for list items).
 */
public final class GenericInfo {
    /** An ordered key/value pair; the value is a string, a list of entries, a map or a list. */
    public record Entry(String key, Object value) {
    }

    private GenericInfo() {
    }

    public static Entry entry(String key, Object value) {
        return new Entry(key, value);
    }

    public static String format(Object data) {
        StringBuilder buf = new StringBuilder();
        serialize(buf, data, 0, false);
        String s = buf.toString();
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\n') {
            end--;
        }
        return s.substring(0, end);
    }

    private static void serialize(StringBuilder buf, Object data, int level, boolean afterKey) {
        String ind = "  ";
        if (data instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                buf.append('\n');
                return;
            }
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            List<Entry> entries = new ArrayList<>();
            sorted.forEach((k, v) -> entries.add(new Entry(k, v)));
            entries(buf, entries, level, afterKey);
        } else if (data instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Entry) {
            List<Entry> entries = new ArrayList<>();
            list.forEach(e -> entries.add((Entry) e));
            entries(buf, entries, level, afterKey);
        } else if (data instanceof List<?> list) {
            if (list.isEmpty()) {
                buf.append('\n');
                return;
            }
            boolean indent = afterKey;
            if (afterKey) {
                buf.append('\n');
            }
            for (Object item : list) {
                if (indent) {
                    buf.append(ind.repeat(level));
                } else {
                    indent = true;
                }
                buf.append("- ");
                serialize(buf, item, level + 1, false);
            }
        } else {
            buf.append(data instanceof String s ? s : PyStr.of(data)).append('\n');
        }
    }

    private static void entries(StringBuilder buf, List<Entry> entries, int level, boolean afterKey) {
        boolean indent = afterKey;
        if (afterKey) {
            buf.append('\n');
        }
        for (Entry e : entries) {
            if (indent) {
                buf.append("  ".repeat(level));
            } else {
                indent = true;
            }
            buf.append(e.key()).append(": ");
            serialize(buf, e.value(), level + 1, true);
        }
    }
}
