package org.garnet.core.internal.upgrade;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ClusterService;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Node;
import org.garnet.api.model.UpgradeIntent;
import org.garnet.api.release.NodeRelease;
import org.garnet.api.release.Upgrades;
import org.garnet.core.internal.node.ClusterPush;
import org.garnet.core.internal.node.LocalNode;
import org.garnet.core.internal.node.ReleaseFiles;
import org.garnet.core.internal.rpc.NodeRpc;

/**
 * The steps of an upgrade: the target release present on every online node; the intent recorded (in the replicated
 * configuration); the watcher paused for an hour; the nodes but the master swapped, each by its release agent, one
 * master candidate at a time, while the queue runs every job but those that change the cluster or its nodes
 * (calls to a swapping node wait for it); then Ganeti's drain (the queue holds every new job, the running ones
 * end), a backup of the configuration, a downgrade's conversion, and the master's own swap asked for (the point of
 * no return). So the queue holds every job only for the master's swap, where Ganeti holds it from the start. A
 * failure before it takes back every node already swapped, drops the intent and lets the queue run again.
 * {@link #finish} is done by the master's core of the target release: every node checked to run the target
 * release, the queue let go and the watcher's pause given back (Ganeti's undrain and watcher continue), the
 * configuration pushed again.
 */
final class UpgradeSteps {
    /** How long a node's new release may take to come up before its agent takes it back. */
    static final int SWAP_BOUND_SECONDS = 90;
    /** How long a swapped candidate's member may take to answer the leader again before the next swap. */
    static final long MEMBER_BACK_SECONDS = 30;
    /** How long a change of the cluster object is tried again while the candidates have no leader. */
    static final long WRITE_RETRY_SECONDS = 60;
    /** How long the running jobs may take to end before the upgrade gives up (Ganeti: 36 hours). */
    static final long DRAIN_TIMEOUT_SECONDS = Long.getLong("garnet.upgrade.drainTimeoutSeconds", 3600);
    private final ConfigStore store;
    private final ClusterService cluster;
    private final NodeRpc rpc;
    private final JobQueue queue;
    private final ClusterPush push;
    private final LocalNode local;
    private final Path dataRoot;
    private final ReleaseFiles files;
    private final Schema schema;
    private final java.util.function.Supplier<org.garnet.api.consensus.ReplicatedLog> log;

    UpgradeSteps(ConfigStore store, ClusterService cluster, NodeRpc rpc, JobQueue queue, ClusterPush push,
                 LocalNode local, Path dataRoot, ReleaseFiles files, Schema schema,
                 java.util.function.Supplier<org.garnet.api.consensus.ReplicatedLog> log) {
        this.store = store;
        this.cluster = cluster;
        this.rpc = rpc;
        this.queue = queue;
        this.push = push;
        this.local = local;
        this.dataRoot = dataRoot;
        this.files = files;
        this.schema = schema;
        this.log = log;
    }

    private static boolean downgrade(UpgradeIntent u) {
        return ReleaseRange.down(ReleaseRange.parse(u.to()).orElseThrow(), ReleaseRange.parse(u.from()).orElseThrow());
    }

    /** The id of the master's swap request, one per time the upgrade reached the master's stage. */
    static String masterSwapId(UpgradeIntent u) {
        return swapId(u, "master");
    }

    private static String swapId(UpgradeIntent u, String what) {
        return u.id() + "-" + Math.round(u.since() * 1000) + "-" + what;
    }

    /** From the start (a resumed upgrade too: nodes on the target release already are passed by). */
    Upgrades.Start run(UpgradeIntent cur, String to, String running, Consumer<String> out) {
        out.accept("Verifying " + to + " present on all nodes");
        List<NodeRelease> releases = cluster.releases();
        List<String> missing = new ArrayList<>();
        for (NodeRelease r : releases) {
            if (online(r.node()) && (r.error() != null || !r.installed().contains(to))) {
                missing.add(r.node() + (r.error() != null ? " (" + r.error() + ")" : ""));
            }
        }
        if (!missing.isEmpty()) {
            throw UpgradeComponent.refused("Garnet version " + to + " not installed on nodes "
                    + String.join(", ", missing));
        }
        double now = now();
        UpgradeIntent intent = cur != null ? cur.at(UpgradeIntent.NODES, now)
                : new UpgradeIntent(UpgradeComponent.newId(), running, to, UpgradeIntent.NODES, now, now,
                cluster.cluster().watcherPause());
        write(intent);
        List<Node> swapped = new ArrayList<>();
        boolean converted = false;
        try {
            out.accept("Pausing the watcher for one hour.");
            update(c -> c.toBuilder().watcherPause((double) (Instant.now().getEpochSecond() + 3600)).build());
            String master = cluster.masterNode().name();
            // the nodes but the master swap by their own agents, in batches that never take more than one master
            // candidate away (the candidates' group keeps its majority and its leader); the queue runs meanwhile
            // but for the jobs that change the cluster or its nodes, and calls to a swapping node wait for it
            List<Node> todo = others(master).stream().filter(n -> !to.equals(runningOn(releases, n.name())))
                    .toList();
            final UpgradeIntent at = intent;
            for (List<Node> batch : batches(todo)) {
                batch.forEach(n -> out.accept("Switching to version " + to + " on node " + n.name()));
                Map<String, Map<String, String>> ends = swapAll(batch, n -> swapId(at, n.name()), to);
                swapped.addAll(batch); // whatever state a failed one is in, going back is asked of it too
                List<String> failed = new ArrayList<>();
                ends.forEach((node, end) -> {
                    if (!"done".equals(end.get("state"))) {
                        failed.add(node + ": " + end.getOrDefault("message", "no answer"));
                    }
                });
                if (!failed.isEmpty()) {
                    out.accept("Failed to switch to Garnet version " + to + " on nodes "
                            + String.join("; ", failed));
                    return rolledBack(intent, swapped, false, out);
                }
                awaitMembers(batch);
            }
            // only now does the queue hold every job: the master's own swap is the time no job can run
            intent = intent.at(UpgradeIntent.DRAINING, now());
            write(intent);
            out.accept("Draining queue");
            if (!drained()) {
                out.accept("Failed to completely empty the queue.");
                return rolledBack(intent, swapped, false, out);
            }
            Path backup = ConfigBackup.write(store, dataRoot.resolve("backup"));
            out.accept("Backing up configuration as " + backup);
            if (downgrade(intent)) {
                // this (newer) release knows both schemas: it converts down before the master swaps back
                converted = true;
                schema.convert(store, intent.from(), to, out);
            }
            if (to.equals(running)) {
                return Upgrades.Start.ended(finish(intent, out));
            }
            intent = intent.at(UpgradeIntent.MASTER, now());
            write(intent);
            out.accept("Switching to version " + to + " on the master node " + master);
            handOver();
            long offset = files.logSize();
            files.requestSwap(masterSwapId(intent), to, SWAP_BOUND_SECONDS);
            return new Upgrades.Start(0, masterSwapId(intent), offset);
        } catch (RuntimeException e) { // whatever it was, the cluster is left as it was before
            out.accept("Upgrade failed: " + e.getMessage());
            return rolledBack(intent, swapped, converted, out);
        }
    }

    private Upgrades.Start rolledBack(UpgradeIntent intent, List<Node> swapped, boolean converted,
                                      Consumer<String> out) {
        out.accept("Rolling back.");
        if (converted) {
            schema.convert(store, intent.to(), intent.from(), out);
        }
        for (List<Node> batch : batches(swapped)) {
            batch.forEach(n -> out.accept("Switching back to version " + intent.from() + " on node " + n.name()));
            swapAll(batch, n -> swapId(intent, "back-" + n.name()), intent.from()).forEach((node, end) -> {
                if (!"done".equals(end.get("state"))) {
                    out.accept("Failed to switch back node " + node + ": "
                            + end.getOrDefault("message", "no answer"));
                }
            });
        }
        release(intent, out);
        return Upgrades.Start.ended(1);
    }

    /** After the master's swap came back to the old release: the other nodes go back too. */
    void rollBack(UpgradeIntent intent, Consumer<String> out) {
        List<Node> swapped = new ArrayList<>();
        List<NodeRelease> releases = cluster.releases();
        for (Node n : others(cluster.masterNode().name())) {
            if (intent.to().equals(runningOn(releases, n.name()))) {
                swapped.add(n);
            }
        }
        rolledBack(intent, swapped, downgrade(intent), out);
    }

    /** On the master, on the target release: the rest of Ganeti's steps after the switch. */
    int finish(UpgradeIntent intent, Consumer<String> out) {
        out.accept("Switched to version " + intent.to() + " on the master node " + local.name());
        if (!downgrade(intent)) {
            schema.convert(store, intent.from(), intent.to(), out);
        }
        out.accept("Verifying that every node runs " + intent.to() + ".");
        List<String> lagging = new ArrayList<>();
        for (NodeRelease r : cluster.releases()) {
            if (online(r.node()) && !intent.to().equals(r.running())) {
                lagging.add(r.node() + " (" + (r.error() != null ? r.error() : "runs " + r.running()) + ")");
            }
        }
        if (!lagging.isEmpty()) {
            write(intent.at(UpgradeIntent.LAGGING, now()));
            queue.reschedule();
            out.accept("Not on version " + intent.to() + " yet: " + String.join(", ", lagging)
                    + "; the queue runs again; run gnt-cluster upgrade --resume once they are back");
            return 1;
        }
        // the queue runs again as soon as every node is on the release: the push is no reason to hold it
        release(intent, out);
        out.accept("Redistributing the configuration.");
        List<String> failed = push.push();
        int rc = 0;
        if (!failed.isEmpty()) {
            out.accept("Warning: could not update node(s) " + String.join(", ", failed));
            rc = 1;
        }
        out.accept("Verifying cluster.");
        List<String> problems = new ClusterCheck(queue).run();
        if (!problems.isEmpty()) {
            out.accept("Command ['gnt-cluster', 'verify'] failed: exited with exit code 1; Output "
                    + String.join("\n", problems));
            rc = 1;
        }
        return rc;
    }

    /** Ganeti's undrain and watcher continue: the intent goes, the watcher's pause is what it was before. */
    private void release(UpgradeIntent intent, Consumer<String> out) {
        out.accept("Undraining the queue.");
        out.accept("Unpausing the watcher.");
        update(c -> c.toBuilder().upgrade(null).watcherPause(intent.watcherPause()).build());
        queue.reschedule();
    }

    private void write(UpgradeIntent intent) {
        update(c -> c.toBuilder().upgrade(intent).build());
    }

    /**
     * Changes the cluster object, trying again for a while when the master candidates are between leaders (a
     * node's member restarts with its bundle set, and the group may elect anew meanwhile).
     */
    private void update(java.util.function.UnaryOperator<Cluster> change) {
        long deadline = System.nanoTime() + WRITE_RETRY_SECONDS * 1_000_000_000L;
        while (true) {
            try {
                store.update(Cluster.class, cluster.cluster().uuid(), change);
                return;
            } catch (GanetiException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                pause(250);
            }
        }
    }

    /** Waits until no job runs (the queue starts none meanwhile); false when the bound passed first. */
    private boolean drained() {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT_SECONDS * 1_000_000_000L;
        while (queue.stats().running() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause(200);
        }
        return true;
    }

    /**
     * Asks each node's agent for its swap, then waits for their ends (a node's daemon is away while it swaps): per
     * node, the agent's state ({@code state} done, failed or rolled-back, and {@code message}), or only a
     * {@code message} when the node took no request or said nothing within the bound.
     */
    private Map<String, Map<String, String>> swapAll(List<Node> nodes, java.util.function.Function<Node, String> ids,
                                                     String to) {
        Map<String, Map<String, String>> ends = new java.util.TreeMap<>();
        List<Node> pending = new ArrayList<>();
        nodes.forEach(n -> rpc.swapping(n.name(), true));
        try {
            return swapAll(nodes, ids, to, ends, pending);
        } finally {
            nodes.forEach(n -> rpc.swapping(n.name(), false));
        }
    }

    private Map<String, Map<String, String>> swapAll(List<Node> nodes, java.util.function.Function<Node, String> ids,
                                                     String to, Map<String, Map<String, String>> ends,
                                                     List<Node> pending) {
        for (Node n : nodes) {
            try {
                rpc.at(n).requestSwap(ids.apply(n), to, SWAP_BOUND_SECONDS);
                pending.add(n);
            } catch (GanetiException e) {
                ends.put(n.name(), Map.of("message", "it took no swap request: " + e.getMessage()));
            }
        }
        long deadline = System.nanoTime() + (SWAP_BOUND_SECONDS + 60) * 1_000_000_000L;
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (java.util.Iterator<Node> it = pending.iterator(); it.hasNext(); ) {
                Node n = it.next();
                try {
                    if (rpc.at(n).answers(java.time.Duration.ofSeconds(2))) {
                        Map<String, String> st = rpc.at(n).swapState();
                        if (ids.apply(n).equals(st.get("id")) && !"swapping".equals(st.get("state"))) {
                            ends.put(n.name(), st);
                            it.remove();
                        }
                    }
                } catch (GanetiException e) {
                    // its node daemon is away while the bundle set changes
                }
            }
            pause(100);
        }
        pending.forEach(n -> ends.put(n.name(), Map.of("message", "it did not end its swap within "
                + (SWAP_BOUND_SECONDS + 60) + " s")));
        return ends;
    }

    /**
     * Waits (bounded) until the swapped master candidates' members answer the leader again: the next one to go
     * away would otherwise leave the leader without a majority, and the group without a leader for seconds.
     */
    private void awaitMembers(List<Node> swapped) {
        org.garnet.api.consensus.ReplicatedLog l = log.get();
        if (l == null) {
            return;
        }
        long deadline = System.nanoTime() + MEMBER_BACK_SECONDS * 1_000_000_000L;
        for (Node n : swapped) {
            while (n.masterCandidate() && System.nanoTime() < deadline && l.progress().stream()
                    .noneMatch(p -> p.member().equals(n.name()) && p.silentMillis() < 500)) {
                pause(100);
            }
        }
    }

    /**
     * Before the master's swap: the lead of the candidates' group goes to a candidate now (no election after the
     * master's member stops; the master's next core takes it back). The queue holds every job by then and the
     * master's RAPI takes no write until its next core; a failure only means the group elects as it would anyway.
     */
    private void handOver() {
        org.garnet.api.consensus.ReplicatedLog l = log.get();
        if (l == null) {
            return;
        }
        try {
            l.handOver(java.time.Duration.ofSeconds(3));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(UpgradeSteps.class).info("upgrade: the lead stays until the swap: {}",
                    e.getMessage());
        }
    }

    /** The nodes that are no master candidates with the first candidate, then each other candidate alone. */
    static List<List<Node>> batches(List<Node> nodes) {
        List<List<Node>> out = new ArrayList<>();
        List<Node> first = new ArrayList<>(nodes.stream().filter(n -> !n.masterCandidate()).toList());
        List<Node> candidates = nodes.stream().filter(Node::masterCandidate).toList();
        if (!candidates.isEmpty()) {
            first.add(candidates.get(0));
        }
        if (!first.isEmpty()) {
            out.add(first);
        }
        candidates.stream().skip(1).forEach(c -> out.add(List.of(c)));
        return out;
    }

    private List<Node> others(String master) {
        return store.list(Node.class).stream().filter(n -> !n.offline() && !n.name().equals(master))
                .sorted(Comparator.comparing(Node::name)).toList();
    }

    private boolean online(String node) {
        return store.byName(Node.class, node).map(n -> !n.offline()).orElse(false);
    }

    private static String runningOn(List<NodeRelease> releases, String node) {
        return releases.stream().filter(r -> r.node().equals(node)).map(NodeRelease::running).filter(r -> r != null)
                .findFirst().orElse("");
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GanetiException.exec("interrupted");
        }
    }
}
