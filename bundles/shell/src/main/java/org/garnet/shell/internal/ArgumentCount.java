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

    /** The count phrase when {@code e} is Karaf's "argument is required"; null for any other error. */
    static String missing(CommandException e, Class<?> action) {
        if (action == null || e.getMessage() == null || !e.getMessage().contains("is required")) {
            return null;
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
        if (unbounded) {
            return "at least " + min;
        }
        return min == max ? Integer.toString(min) : "between " + min + " and " + max;
    }
}
