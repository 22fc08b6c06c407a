package org.garnet.core.internal.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
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
 *
 * <p>No monitor is held while a node is called: writes to one node follow each other, writes to different nodes
 * run at once, and {@link #push()} waits at most {@link #WAIT} for the answers, so a hung node delays a job by
 * that much, not by the RPC timeout.
 */
@Component(service = ClusterPush.class, immediate = true, configurationPid = CoreConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class ClusterPush {
    static final int RETRY_SECONDS = 10;
    /** How long {@link #push()} waits for the nodes' answers. */
    static final Duration WAIT = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(ClusterPush.class);
    private final ConfigStore store;
    /** This node's name: only the master pushes (every candidate holds the configuration). */
    private final String self;
    private final NodeRpc rpc;
    private final CandidateCerts certs;
    private final AncillaryFiles files;
    /** Which version (digest) of each ancillary file each node is known to hold: node UUID + path -> digest. */
    private final Map<String, String> filesPushed = new ConcurrentHashMap<>();
    private final Duration wait;
    /** What each node (by UUID) is known to hold. */
    private final Map<String, Map<String, String>> pushed = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> writing = new ConcurrentHashMap<>();
    private final ExecutorService senders = Executors.newCachedThreadPool(r -> daemon(r, "garnet-ssconf-send"));
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "garnet-ssconf-push"));

    @Activate
    public ClusterPush(@Reference ConfigStore store, @Reference NodeRpc rpc, CoreConfig config) {
        this(store, rpc, DataRoot.of(config), WAIT, LocalNode.of(config).name());
        timer.scheduleWithFixedDelay(this::catchUp, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
    }

    /** Without the catch-up timer; {@code wait} bounds {@link #push()} and each node's queued write. */
    public ClusterPush(ConfigStore store, NodeRpc rpc, java.nio.file.Path dataRoot, Duration wait) {
        this(store, rpc, dataRoot, wait, null);
    }

    /** As above; only while {@code self} (a node name; null: any) is the master. */
    ClusterPush(ConfigStore store, NodeRpc rpc, java.nio.file.Path dataRoot, Duration wait, String self) {
        this.self = self;
        this.store = store;
        this.rpc = rpc;
        this.wait = wait;
        this.certs = new CandidateCerts(dataRoot);
        this.files = new AncillaryFiles(dataRoot);
        this.ssconf = new Ssconf(dataRoot);
    }

    /** The master's own facts: the candidates' group it leads, which the facts it pushes carry on. */
    private final Ssconf ssconf;

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Pushes the current facts to every online node now, even those known to hold them; returns the names of
     * the nodes that failed or did not answer within {@link #WAIT} (the catch-up keeps trying those).
     */
    public List<String> push() {
        if (!mastering()) {
            return List.of();
        }
        Map<String, String> values = values();
        if (values == null) {
            return List.of();
        }
        pushFiles();
        Map<Node, CompletableFuture<Boolean>> sent = new LinkedHashMap<>();
        for (Node n : online()) {
            sent.put(n, CompletableFuture.supplyAsync(() -> write(n, values), senders));
        }
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> failed = new ArrayList<>();
        sent.forEach((n, f) -> {
            try {
                if (!f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    failed.add(n.name());
                }
            } catch (TimeoutException e) {
                LOG.warn("ssconf push to node {}: no answer within {} s, left to the catch-up", n.name(),
                        wait.toSeconds());
                failed.add(n.name());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.add(n.name());
            } catch (java.util.concurrent.ExecutionException e) {
                failed.add(n.name());
            }
        });
        return failed;
    }

    /**
     * This node pushes while its configuration names it the master and its member of the candidates' group
     * leads (or does not run: it restarts, with a new certificate for one), and its own facts name it the
     * master too ({@link #values()}). A candidate whose configuration is stale (it was the master of a group
     * that a forced take-over replaced, and has not caught up with the new one) so never pushes its old view
     * over the new master's.
     */
    private boolean mastering() {
        if (self == null) {
            return store.cluster().isPresent();
        }
        if (!org.garnet.core.internal.cluster.MasterRole.isMaster(store, self)) {
            return false;
        }
        org.garnet.api.consensus.ReplicatedLog l = log;
        return l == null || l.leading();
    }

    /**
     * The facts to push, or null when this node's own facts name another master: it was the master of a group a
     * forced take-over replaced, and the new master's facts reached it (its configuration is stale until its
     * member catches up in the new group). The candidates' group pushed is the one its own facts name, read
     * before the master (a push writes the files in key order, {@code master_node} before {@code raft_group}):
     * so a new group is never pushed under an old master's name.
     */
    private Map<String, String> values() {
        java.util.Optional<String> group = ssconf.value(SsconfValues.RAFT_GROUP);
        java.util.Optional<String> master = ssconf.value("master_node");
        if (self != null && master.isPresent() && !master.get().equals(self)) {
            return null;
        }
        return SsconfValues.of(store, certs.all(), group);
    }

    /** This node's member of the master candidates' group, while it runs. */
    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    private volatile org.garnet.api.consensus.ReplicatedLog log;

    private List<Node> online() {
        return store.list(Node.class).stream().filter(n -> !n.offline()).toList();
    }

    /**
     * The ancillary files (the RAPI users) to every other online node that does not hold this version yet, in
     * the background (Ganeti's RedistributeAncillaryFiles); a node that fails is tried again on the next round.
     */
    void pushFiles() {
        for (Map.Entry<String, java.nio.file.Path> f : files.present().entrySet()) {
            byte[] content;
            try {
                content = java.nio.file.Files.readAllBytes(f.getValue());
            } catch (java.io.IOException e) {
                LOG.warn("ancillary file {}: {}", f.getValue(), e.getMessage());
                continue;
            }
            String digest = java.util.HexFormat.of().formatHex(sha256(content));
            for (Node n : online()) {
                String key = n.uuid() + " " + f.getKey();
                if (n.name().equals(self) || digest.equals(filesPushed.get(key))) {
                    continue;
                }
                senders.execute(() -> {
                    try {
                        rpc.at(n).uploadFile(f.getKey(), content, 0600);
                        filesPushed.put(key, digest);
                    } catch (RuntimeException e) {
                        LOG.debug("upload of {} to node {} failed: {}", f.getKey(), n.name(), e.getMessage());
                    }
                });
            }
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(content);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void catchUp() {
        try {
            if (!mastering()) {
                return;
            }
            Map<String, String> values = values();
            if (values == null) {
                return;
            }
            pushFiles();
            for (Node n : online()) {
                if (!values.equals(pushed.get(n.uuid()))) {
                    senders.execute(() -> write(n, values));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("ssconf push: {}", e.getMessage());
        }
    }

    /**
     * One write to one node, after any earlier one still under way there (waited for at most {@link #WAIT});
     * true once the node holds them.
     */
    private boolean write(Node n, Map<String, String> values) {
        ReentrantLock lock = writing.computeIfAbsent(n.uuid(), k -> new ReentrantLock());
        try {
            if (!lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            rpc.at(n).writeSsconf(values);
            pushed.put(n.uuid(), values);
            return true;
        } catch (RuntimeException e) {
            pushed.remove(n.uuid());
            LOG.warn("ssconf push to node {} failed: {}", n.name(), e.getMessage());
            return false;
        } finally {
            lock.unlock();
        }
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        senders.shutdownNow();
    }
}
