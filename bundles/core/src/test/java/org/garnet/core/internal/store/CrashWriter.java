package org.garnet.core.internal.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;

/**
 * Run in a child JVM by {@link StoreCrashTest}: initialises a store, then updates one node forever, printing
 * "ack N" after each update returned (= acknowledged). The test kills it with SIGKILL.
 */
public final class CrashWriter {
    private CrashWriter() {
    }

    public static void main(String[] args) {
        SqliteConfigStore store = new SqliteConfigStore(Path.of(args[0]));
        NodeGroup group = Fixtures.group("default");
        Node node = Fixtures.node("node1", group.uuid());
        store.initialize(Fixtures.cluster(node.uuid()), List.of(group, node));
        System.out.println("uuid " + node.uuid());
        for (long i = 1; ; i++) {
            String tag = "t" + i;
            Node n = store.update(Node.class, node.uuid(), x -> x.withTags(Set.of(tag)));
            System.out.println("ack " + n.serialNo());
            System.out.flush();
        }
    }
}
