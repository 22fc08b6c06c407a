package org.garnet.core.internal.store;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.InstancePolicy;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;

/** Small valid objects for store tests. */
final class Fixtures {
    private Fixtures() {
    }

    static Cluster cluster(String masterUuid) {
        return new Cluster(UUID.randomUUID().toString(), "cluster.example.com", 0, 0, 0, masterUuid, "127.0.0.1",
                "lo", 32, 4, "aa:00:00", List.of("fake"), List.of("file"), "/tmp/f", "/tmp/s", "xenvg", 10, 20, 25,
                "", true, false, Map.of("fake", Map.of("migration_mode", "live")), Map.of("vcpus", 1), Map.of(),
                Map.of(), Map.of(), InstancePolicy.defaults(List.of("file")), Set.of("a"), Map.of(), null);
    }

    static NodeGroup group(String name) {
        return new NodeGroup(UUID.randomUUID().toString(), name, 0, 0, 0, "preferred", Map.of(), Map.of(), null,
                List.of(), Set.of());
    }

    static Node node(String name, String group) {
        return new Node(UUID.randomUUID().toString(), name, 0, 0, 0, "127.0.0.1", "127.0.0.1", group, true, false,
                false, true, true, null, Map.of(), Set.of());
    }
}
