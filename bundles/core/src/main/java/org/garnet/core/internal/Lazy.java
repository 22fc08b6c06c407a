package org.garnet.core.internal;

import java.util.function.Consumer;
import java.util.function.Function;
import org.osgi.service.component.ComponentServiceObjects;

/**
 * Services a component refers to but gets only when it uses them (Declarative Services' {@link
 * ComponentServiceObjects}): for a reference that would be a cycle if got at activation (the other service
 * needs this one), and that is optional (null while the service is not there).
 */
public final class Lazy {
    private Lazy() {
    }

    /** What {@code use} answers with the service, or null when there is none. */
    public static <S, R> R get(ComponentServiceObjects<S> objects, Function<S, R> use) {
        if (objects == null) {
            return null;
        }
        S service = objects.getService();
        if (service == null) {
            return null;
        }
        try {
            return use.apply(service);
        } finally {
            objects.ungetService(service);
        }
    }

    /** Runs {@code use} with the service, if there is one. */
    public static <S> void use(ComponentServiceObjects<S> objects, Consumer<S> use) {
        get(objects, s -> {
            use.accept(s);
            return null;
        });
    }
}
