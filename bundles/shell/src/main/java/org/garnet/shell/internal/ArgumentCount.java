package org.garnet.shell.internal;

import java.lang.reflect.Field;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.support.CommandException;

/**
 * Ganeti's words for a command given too few arguments ({@code Error: Command remove expects 1 argument(s)},
 * {@code ... at least 1 ...}, {@code ... between 1 and 2 ...}), from the verb's Karaf argument declarations.
 */
final class ArgumentCount {
    private ArgumentCount() {
    }

    /**
     * The verb's argument synopsis as Ganeti's usage shows it ({@code [<instance-name>...]}), from the Karaf
     * argument declarations in index order.
     */
    static String synopsis(Class<?> action) {
        java.util.TreeMap<Integer, Argument> args = new java.util.TreeMap<>();
        for (Class<?> c = action; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                Argument a = f.getAnnotation(Argument.class);
                if (a != null) {
                    args.put(a.index(), a);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (Argument a : args.values()) {
            String one = "<" + (a.name().isEmpty() || a.name().equals("VAL") ? "arg" : a.name()) + ">"
                    + (a.multiValued() ? "..." : "");
            out.append(' ').append(a.required() ? one : "[" + one + "]");
        }
        return out.toString();
    }

    /** The count phrase when {@code e} is Karaf's "argument is required"; null for any other error. */
    static String missing(CommandException e, Class<?> action) {
        if (action == null || e.getMessage() == null || !e.getMessage().contains("is required")) {
            return null;
        }
        ArgCount declared = action.getAnnotation(ArgCount.class);
        if (declared != null) {
            return phrase(declared.min(), declared.max(), declared.max() < 0);
        }
        int min = 0;
        int max = 0;
        boolean unbounded = false;
        for (Class<?> c = action; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                Argument a = f.getAnnotation(Argument.class);
                if (a == null) {
                    continue;
                }
                max++;
                if (a.required()) {
                    min++;
                }
                unbounded |= a.multiValued();
            }
        }
        return phrase(min, max, unbounded);
    }

    static String phrase(int min, int max, boolean unbounded) {
        if (unbounded) {
            return "at least " + min;
        }
        return min == max ? Integer.toString(min) : "between " + min + " and " + max;
    }
}
