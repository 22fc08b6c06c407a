package org.garnet.core.internal.node;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.model.Node;
import org.garnet.core.internal.CoreConfig;
import org.garnet.core.internal.DataRoot;
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master keeps every online node's ssconf facts current (Ganeti's ssconf worker): {@link #push()} after each
 * change that affects them (node add, remove, role changes, {@code redist-conf}), to all online nodes at once;
 * and every {@value #RETRY_SECONDS} s again to any node whose copy is not known to be current, so a node that
 * was down gets them when it is back. Failures are logged, never fatal (as Ganeti's).
 */
@Component(service = ClusterPush.class, immediate = true, configurationPid = CoreConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class ClusterPush {
    static final int RETRY_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(ClusterPush.class);
    private final ConfigStore store;
    private final NodeRpc rpc;
    private final CandidateCerts certs;
    /** What each node (by UUID) is known to hold. */
    private final Map<String, Map<String, String>> pushed = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "garnet-ssconf-push");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public ClusterPush(@Reference ConfigStore store, @Reference NodeRpc rpc, CoreConfig config) {
        this(store, rpc, DataRoot.of(config));
        timer.scheduleWithFixedDelay(this::catchUp, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
    }

    public ClusterPush(ConfigStore store, NodeRpc rpc, java.nio.file.Path dataRoot) {
        this.store = store;
        this.rpc = rpc;
        this.certs = new CandidateCerts(dataRoot);
    }

    /** Pushes the current facts to every online node now; returns the names of nodes that failed. */
    public synchronized List<String> push() {
        pushed.clear();
        return send();
    }

    private synchronized void catchUp() {
        try {
            send();
        } catch (RuntimeException e) {
            LOG.warn("ssconf push: {}", e.getMessage());
        }
    }

    private List<String> send() {
        if (store.cluster().isEmpty()) {
            return List.of();
        }
        Map<String, String> values = SsconfValues.of(store, certs.all());
        List<Node> stale = store.list(Node.class).stream().filter(n -> !n.offline()
                && !values.equals(pushed.get(n.uuid()))).toList();
        if (stale.isEmpty()) {
            return List.of();
        }
        var answers = rpc.each(stale, c -> {
            c.writeSsconf(values);
            return Boolean.TRUE;
        });
        List<String> failed = new java.util.ArrayList<>();
        for (Node n : stale) {
            if (answers.get(n.name()).ok()) {
                pushed.put(n.uuid(), values);
            } else {
                failed.add(n.name());
                LOG.warn("ssconf push to node {} failed: {}", n.name(), answers.get(n.name()).error().getMessage());
            }
        }
        return failed;
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }
}
