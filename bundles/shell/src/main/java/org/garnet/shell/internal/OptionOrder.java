package org.garnet.shell.internal;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Option;

/**
 * Ganeti's commands take options anywhere ({@code gnt-job list 5 -o id}); Karaf's parser stops at the first
 * positional argument. This moves every option the verb declares (with its value, when it takes one) in front of
 * the positional arguments, keeping relative order, so both spellings work. Unknown {@code -x} tokens stay
 * where they are (Karaf then reports them, or they are positional values like {@code -1}).
 */
final class OptionOrder {
    private OptionOrder() {
    }

    static List<Object> optionsFirst(Class<?> action, List<Object> args) {
        Map<String, Boolean> takesValue = options(action);
        List<Object> options = new ArrayList<>();
        List<Object> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String token = String.valueOf(args.get(i));
            String name = token.contains("=") ? token.substring(0, token.indexOf('=')) : token;
            Boolean value = token.startsWith("-") ? takesValue.get(name) : null;
            if (value == null) {
                positional.add(args.get(i));
            } else {
                options.add(args.get(i));
                if (value && !token.contains("=") && i + 1 < args.size()) {
                    options.add(args.get(++i));
                }
            }
        }
        options.addAll(positional);
        return options;
    }

    /** Option name (and aliases) → whether it takes a value (anything but a boolean field). */
    static Map<String, Boolean> options(Class<?> action) {
        Map<String, Boolean> out = new HashMap<>();
        for (Class<?> c = action; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                Option o = f.getAnnotation(Option.class);
                if (o != null) {
                    boolean value = f.getType() != boolean.class && f.getType() != Boolean.class;
                    out.put(o.name(), value);
                    for (String a : o.aliases()) {
                        out.put(a, value);
                    }
                }
            }
        }
        return out;
    }

    /** The action class behind a Karaf command ({@code ActionCommand.getActionClass()}), or null. */
    static Class<?> actionClass(Object command) {
        try {
            Object c = command.getClass().getMethod("getActionClass").invoke(command);
            return c instanceof Class<?> k ? k : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
