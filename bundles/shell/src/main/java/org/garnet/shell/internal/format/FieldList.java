package org.garnet.shell.internal.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Ganeti's {@code ParseFields}: {@code -o a,b} replaces the defaults, {@code -o +a,b} appends to them. */
public final class FieldList {
    private FieldList() {
    }

    public static List<String> parse(String option, List<String> defaults) {
        if (option == null || option.isEmpty()) {
            return defaults;
        }
        if (option.startsWith("+")) {
            List<String> out = new ArrayList<>(defaults);
            out.addAll(Arrays.asList(option.substring(1).split(",")));
            return out;
        }
        return Arrays.asList(option.split(","));
    }
}
