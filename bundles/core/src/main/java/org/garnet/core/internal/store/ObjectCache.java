package org.garnet.core.internal.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.garnet.api.model.ConfigObject;

/**
 * The decoded configuration objects of each kind, so that reading the configuration does not decode JSON again
 * (listing 10,000 instances is a map lookup instead of 10,000 decodes). A kind is loaded from the database on
 * its first read; afterwards the store applies each committed write here, in commit order. Objects are
 * immutable records, so readers share them.
 */
final class ObjectCache {
    private static final Comparator<ConfigObject> BY_NAME = Comparator.comparing(ConfigObject::name);

    private final Map<String, Map<String, ConfigObject>> byKind = new HashMap<>();
    private final Map<String, List<ConfigObject>> sorted = new HashMap<>();

    /** All objects of a kind sorted by name; {@code loader} reads them from the database the first time. */
    @SuppressWarnings("unchecked")
    synchronized <T extends ConfigObject> List<T> list(String kind, Supplier<List<T>> loader) {
        List<ConfigObject> list = sorted.get(kind);
        if (list == null) {
            Map<String, ConfigObject> objects = loaded(kind, loader);
            List<ConfigObject> sortedList = new ArrayList<>(objects.values());
            sortedList.sort(BY_NAME);
            list = List.copyOf(sortedList);
            sorted.put(kind, list);
        }
        return (List<T>) list;
    }

    /** The object of a kind with this uuid. */
    @SuppressWarnings("unchecked")
    synchronized <T extends ConfigObject> Optional<T> get(String kind, String uuid, Supplier<List<T>> loader) {
        return Optional.ofNullable((T) loaded(kind, loader).get(uuid));
    }

    /** The object of a kind with this name. */
    synchronized <T extends ConfigObject> Optional<T> byName(String kind, String name, Supplier<List<T>> loader) {
        for (T o : this.<T>list(kind, loader)) {
            if (o.name().equals(name)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** A committed insert or update. */
    synchronized void put(String kind, ConfigObject object) {
        Map<String, ConfigObject> objects = byKind.get(kind);
        if (objects != null) {
            objects.put(object.uuid(), object);
            sorted.remove(kind);
        }
    }

    /** A committed removal. */
    synchronized void remove(String kind, String uuid) {
        Map<String, ConfigObject> objects = byKind.get(kind);
        if (objects != null) {
            objects.remove(uuid);
            sorted.remove(kind);
        }
    }

    /** Forget everything (the configuration was destroyed or a write's outcome is unknown). */
    synchronized void clear() {
        byKind.clear();
        sorted.clear();
    }

    private <T extends ConfigObject> Map<String, ConfigObject> loaded(String kind, Supplier<List<T>> loader) {
        Map<String, ConfigObject> objects = byKind.get(kind);
        if (objects == null) {
            objects = new HashMap<>();
            for (T o : loader.get()) {
                objects.put(o.uuid(), o);
            }
            byKind.put(kind, objects);
        }
        return objects;
    }
}
