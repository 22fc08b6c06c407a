package org.garnet.core.internal.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.consensus.FactsChecked;
import org.garnet.api.model.Node;
import org.garnet.core.internal.CoreConfig;
import org.garnet.core.internal.DataRoot;
import org.garnet.core.internal.rpc.NodeRpc;
import org.garnet.core.internal.rpc.RpcTimeout;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At the node's start (Ganeti's daemons ask the nodes for a vote when they start): the other master candidates
 * its facts name are asked for theirs, at once, for at most {@link #WAIT}; when one holds a newer candidates'
 * group of the same cluster (a {@code master-failover --no-voting} while this node was down), its facts replace
 * this node's, so the member starts in the new group and this node knows the new master. Then
 * {@link FactsChecked} is offered, which the member waits for. Nodes that do not answer are not waited for
 * longer: with none answering, this node goes on with what it has (as Ganeti's {@code --no-voting} warns).
 */
@Component(immediate = true, configurationPid = CoreConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class FactsCheckComponent {
    static final Duration WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(FactsCheckComponent.class);
    private final ConfigStore store;
    private final NodeRpc rpc;
    private final Path dataRoot;
    private final String self;
    private final BundleContext context;
    private volatile ServiceRegistration<FactsChecked> registration;
    private volatile boolean stopped;

    @Activate
    public FactsCheckComponent(@Reference ConfigStore store, @Reference NodeRpc rpc, CoreConfig config,
                               BundleContext context) {
        this.store = store;
        this.rpc = rpc;
        this.dataRoot = DataRoot.of(config);
        this.self = LocalNode.of(config).name();
        this.context = context;
        Thread t = new Thread(this::check, "garnet-facts-check");
        t.setDaemon(true);
        t.start();
    }

    private void check() {
        try {
            takeNewer();
        } catch (RuntimeException e) {
            LOG.warn("Asking the other master candidates for their facts: {}", e.toString());
        }
        synchronized (this) {
            if (!stopped) {
                registration = context.registerService(FactsChecked.class, new FactsChecked() { }, null);
            }
        }
    }

    /** Takes the facts of the newest group another candidate answers with, if newer than this node's. */
    void takeNewer() {
        Ssconf own = new Ssconf(dataRoot);
        Map<String, String> ours = own.all();
        if (!ours.containsKey("cluster_uuid")) {
            return;
        }
        List<CompletableFuture<Map<String, String>>> asked = new ArrayList<>();
        for (String name : own.lines("master_candidates")) {
            Node n = store.byName(Node.class, name.strip()).orElse(null);
            if (n != null && !n.name().equals(self) && !n.offline()) {
                asked.add(CompletableFuture.supplyAsync(() -> facts(rpc.at(n).call("read_ssconf_files",
                        RpcTimeout.FAST))).completeOnTimeout(Map.of(), WAIT.toMillis(), TimeUnit.MILLISECONDS)
                        .exceptionally(e -> Map.of()));
            }
        }
        Map<String, String> newest = ours;
        for (CompletableFuture<Map<String, String>> f : asked) {
            Map<String, String> theirs = f.join();
            if (SsconfValues.newerGroup(theirs, newest)) {
                newest = theirs;
            }
        }
        if (newest != ours) {
            LOG.info("Another master candidate is in a newer group of the candidates ({}; master {}): taking its "
                    + "facts", newest.get(SsconfValues.RAFT_GROUP).strip(), newest.get("master_node").strip());
            own.write(newest);
        }
    }

    private static Map<String, String> facts(JsonNode answer) {
        Map<String, String> out = new TreeMap<>();
        answer.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    @Deactivate
    synchronized void deactivate() {
        stopped = true;
        if (registration != null) {
            registration.unregister();
        }
    }
}
