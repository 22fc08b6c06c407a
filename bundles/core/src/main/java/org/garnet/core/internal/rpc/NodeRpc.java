package org.garnet.core.internal.rpc;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.garnet.api.GanetiException;
import org.garnet.api.model.Node;
import org.garnet.core.internal.CoreConfig;
import org.garnet.core.internal.DataRoot;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The one access point to nodes: {@link #at(Node)} for one, {@link #each} for several in parallel. Offline nodes
 * are not contacted (Ganeti's "Node is marked offline"). The master reaches itself the same way, through its own
 * node daemon.
 */
@Component(service = NodeRpc.class, configurationPid = CoreConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class NodeRpc {
    /** What one node answered: a value or the error naming it. */
    public record Outcome<T>(T value, GanetiException error) {
        public boolean ok() {
            return error == null;
        }
    }

    private final Transport transport;
    /** The nodes whose bundle sets swap now (an upgrade): calls to them wait for them ({@link SwapWait}). */
    private final java.util.Set<String> swapping = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ExecutorService fanOut = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "garnet-rpc-fanout");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public NodeRpc(CoreConfig config) {
        this(new HttpsTransport(DataRoot.of(config), config.noded_port()));
    }

    public NodeRpc(Transport transport) {
        this.transport = new SwapWait(transport, swapping::contains);
    }

    /**
     * Says that {@code node} swaps its bundle set from now on ({@code true}: a call its daemon does not take waits
     * for it, bounded) or no more ({@code false}).
     */
    public void swapping(String node, boolean swaps) {
        if (swaps) {
            swapping.add(node);
        } else {
            swapping.remove(node);
        }
    }

    /**
     * Every node served in process by {@code drivers} (unit tests of the logical units; arguments and results
     * still go through JSON). OS logs and ssconf files go under {@code dataRoot}.
     */
    public static NodeRpc inProcess(org.garnet.core.internal.drivers.Drivers drivers, java.nio.file.Path dataRoot) {
        return new NodeRpc(new InProcessTransport(new org.garnet.core.internal.noded.NodeProcedures(drivers,
                dataRoot, org.garnet.core.internal.node.SoftwareVersion.number())));
    }

    /**
     * As {@link #inProcess(org.garnet.core.internal.drivers.Drivers, java.nio.file.Path)}, in a new temporary
     * directory, removed when the JVM ends if nothing was written in it.
     */
    public static NodeRpc inProcess(org.garnet.core.internal.drivers.Drivers drivers) {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("garnet-node");
            dir.toFile().deleteOnExit();
            return inProcess(drivers, dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The node, for calls; an offline node refuses every call. */
    public NodeClient at(Node node) {
        if (node.offline()) {
            throw GanetiException.exec("Node " + node.name() + " is marked offline");
        }
        return new NodeClient(node, transport);
    }

    /** The node even when marked offline (Ganeti's {@code version} and powercycle calls). */
    public NodeClient anyway(Node node) {
        return new NodeClient(node, transport);
    }

    /** Calls {@code fn} on every node at once; answers by node name, in the order given. */
    public <T> Map<String, Outcome<T>> each(Collection<Node> nodes, Function<NodeClient, T> fn) {
        Map<String, CompletableFuture<T>> pending = new LinkedHashMap<>();
        for (Node n : nodes) {
            pending.put(n.name(), CompletableFuture.supplyAsync(() -> fn.apply(at(n)), fanOut));
        }
        Map<String, Outcome<T>> out = new LinkedHashMap<>();
        pending.forEach((name, f) -> {
            try {
                out.put(name, new Outcome<>(f.join(), null));
            } catch (java.util.concurrent.CompletionException e) {
                Throwable c = e.getCause();
                out.put(name, new Outcome<>(null, c instanceof GanetiException g ? g
                        : GanetiException.exec("Node " + name + ": " + c.getMessage())));
            }
        });
        return out;
    }

    @Deactivate
    void deactivate() {
        fanOut.shutdownNow();
        if (transport.impatient() instanceof HttpsTransport h) {
            h.close();
        }
    }
}
