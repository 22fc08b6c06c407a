package org.garnet.core.internal.store;

import java.util.Map;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.ConfigObject;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Network;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;

/** The stored object types, their table keys and the words Ganeti uses for them in messages. */
final class ObjectKinds {
    private static final Map<Class<?>, String> KINDS = Map.of(Cluster.class, "cluster", NodeGroup.class, "nodegroup",
            Node.class, "node", Instance.class, "instance", Network.class, "network");
    private static final Map<Class<?>, String> WORDS = Map.of(Cluster.class, "Cluster", NodeGroup.class,
            "Node group", Node.class, "Node", Instance.class, "Instance", Network.class, "Network");

    private ObjectKinds() {
    }

    static String kind(Class<?> type) {
        String kind = KINDS.get(type);
        if (kind == null) {
            throw new IllegalArgumentException("not a stored type: " + type.getName());
        }
        return kind;
    }

    /** The stored type of a table key. */
    static Class<? extends ConfigObject> type(String kind) {
        for (Map.Entry<Class<?>, String> e : KINDS.entrySet()) {
            if (e.getValue().equals(kind)) {
                return e.getKey().asSubclass(ConfigObject.class);
            }
        }
        throw new IllegalArgumentException("not a stored kind: " + kind);
    }

    static String word(Class<?> type) {
        return WORDS.get(type);
    }

    static GanetiException notFound(Class<? extends ConfigObject> type, String uuid) {
        return GanetiException.prereq(word(type) + " '" + uuid + "' not known", ErrorCode.ECODE_NOENT);
    }

    static GanetiException exists(Class<?> type, String name) {
        return GanetiException.prereq(word(type) + " '" + name + "' already exists", ErrorCode.ECODE_EXISTS);
    }
}
