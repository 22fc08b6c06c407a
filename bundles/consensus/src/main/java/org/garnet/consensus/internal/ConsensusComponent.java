package org.garnet.consensus.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.garnet.api.consensus.ReplicatedLog;
import org.garnet.api.consensus.ReplicatedState;
import org.garnet.crypto.Certificates;
import org.garnet.crypto.Identity;
import org.garnet.crypto.KeyStoreFile;
import org.garnet.crypto.Tls;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this node's member of the master candidates' Raft group while the node is a candidate: the members and
 * the admitted certificates come from the node's ssconf facts (pushed by the master on every change), the TLS
 * identity from its cluster certificates. The engine listens on the node's own address, port {@code raft.port};
 * while it runs, it is offered as the {@link ReplicatedLog} service.
 */
@Component(immediate = true, configurationPid = "org.garnet.core", configurationPolicy = ConfigurationPolicy.REQUIRE)
public class ConsensusComponent {
    /** The keys of {@code etc/org.garnet.core.cfg} this component reads. */
    @ObjectClassDefinition(name = "Garnet consensus")
    public @interface Config {
        @AttributeDefinition(description = "data root (default: <karaf.base>/var/lib/garnet)")
        String data_root() default "";

        @AttributeDefinition(description = "this node's name (default: the host name)")
        String node_name() default "";

        @AttributeDefinition(description = "the address the node's servers listen on")
        String node_address() default "127.0.0.1";

        @AttributeDefinition(description = "the Raft port of the master candidates")
        int raft_port() default 1812;

        @AttributeDefinition(description = "log entries between two snapshots of the replicated states (as etcd's "
                + "--snapshot-count); tests make it small to see a candidate catch up from a snapshot")
        long raft_snapshot_every() default RaftEngine.SNAPSHOT_EVERY;

        @AttributeDefinition(description = "size of the Raft log's segment files in KiB (0: Ratis's default); only "
                + "whole segments before a snapshot are purged, so tests make them small")
        long raft_segment_kib() default 0;
    }

    static final long CHECK_SECONDS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(ConsensusComponent.class);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "garnet-consensus");
        t.setDaemon(true);
        // Ratis finds its implementation classes by name through the context class loader, and the threads it
        // starts inherit it: this bundle's loader, which holds the embedded jars
        t.setContextClassLoader(ConsensusComponent.class.getClassLoader());
        return t;
    });
    private Path dataRoot;
    private String self;
    private String address;
    private int port;
    private long snapshotEvery;
    private long segmentKib;
    private BundleContext context;
    private RaftEngine engine;
    private GroupFacts running;
    private ServiceRegistration<ReplicatedLog> registration;

    /** The states the log feeds, by name; the member starts once all of {@link #STATES} are here. */
    private final Map<String, ReplicatedState> states = new java.util.concurrent.ConcurrentHashMap<>();
    static final java.util.Set<String> STATES = java.util.Set.of("config", "queue");

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindState(ReplicatedState state, Map<String, Object> props) {
        states.put(String.valueOf(props.get(ReplicatedState.NAME)), state);
    }

    void unbindState(ReplicatedState state, Map<String, Object> props) {
        states.remove(String.valueOf(props.get(ReplicatedState.NAME)), state);
    }

    /** Offered once the node asked the other candidates for a newer group at its start; the member waits for it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile org.garnet.api.consensus.FactsChecked factsChecked;

    /** {@link #identityStamp()} when the member started: it restarts with the node's new certificate. */
    private long identityStamp;

    /** The longest a member that is no longer a candidate waits for the leader to take it out of the group. */
    static final java.time.Duration LEAVE_WAIT = java.time.Duration.ofSeconds(60);
    /** When this node was first seen not to be a candidate while its member ran (System.nanoTime; 0: not). */
    private long leavingSince;
    /** The certificates admitted to the Raft port: the candidates', and for a while those of candidates gone. */
    private final AdmittedDigests admitted = new AdmittedDigests(LEAVE_WAIT);

    /** The file in the Raft storage that says the log of the group (the cluster) named after it holds the group. */
    static final String FOUNDED = "founded-";

    @Activate
    void activate(Config config, BundleContext context) {
        // the embedded Netty's pooled allocator: one arena of each kind is plenty for a handful of peers (the
        // default, two per core, keeps megabytes of chunks per arena), and 1 MiB chunks instead of 4 MiB (Raft
        // entries here are a few KiB); set before Netty's classes load
        System.getProperties().putIfAbsent("org.apache.ratis.thirdparty.io.netty.allocator.numDirectArenas", "1");
        System.getProperties().putIfAbsent("org.apache.ratis.thirdparty.io.netty.allocator.numHeapArenas", "1");
        System.getProperties().putIfAbsent("org.apache.ratis.thirdparty.io.netty.allocator.maxOrder", "7");
        this.context = context;
        this.dataRoot = config.data_root().isBlank()
                ? Path.of(System.getProperty("karaf.base", "."), "var", "lib", "garnet").toAbsolutePath()
                : Path.of(config.data_root()).toAbsolutePath();
        this.self = config.node_name().isBlank() ? hostName() : config.node_name();
        this.address = config.node_address();
        this.port = config.raft_port();
        this.snapshotEvery = Math.max(1, config.raft_snapshot_every());
        this.segmentKib = Math.max(0, config.raft_segment_kib());
        forcedRegistration = context.registerService(org.garnet.api.consensus.ForcedTakeover.class,
                this::takeOverAlone, null);
        timer.scheduleWithFixedDelay(this::check, 0, CHECK_SECONDS, TimeUnit.SECONDS);
    }

    private ServiceRegistration<org.garnet.api.consensus.ForcedTakeover> forcedRegistration;

    /**
     * {@code master-failover --no-voting}: this node founds a new group of the candidates alone, epoch one above
     * the one it knew, on the configuration and queue it holds (they become the new log's first entries), and
     * leads it. Its facts say the new group and this node as the master first, so a restart from then on starts
     * the new group, never the old one. The other candidates are added by this node (the leader) as they answer,
     * once the facts it pushes told them the new group: each drops the old group's log and catches up.
     */
    void takeOverAlone(java.time.Duration timeout) {
        RaftEngine started;
        synchronized (this) {
            GroupFacts f;
            try {
                f = GroupFacts.read(dataRoot.resolve("ssconf")).orElseThrow(() -> new org.garnet.api.consensus
                        .ConsensusException("this node is not in a cluster", null));
            } catch (java.io.UncheckedIOException e) {
                throw new org.garnet.api.consensus.ConsensusException("this node's facts cannot be read: "
                        + e.getMessage(), e);
            }
            int at = f.candidates().indexOf(self);
            if (at < 0) {
                throw new org.garnet.api.consensus.ConsensusException("this node is not a master candidate", null);
            }
            if (!states.keySet().containsAll(STATES)) {
                throw new org.garnet.api.consensus.ConsensusException("the configuration and the job queue are not "
                        + "running on this node", null);
            }
            GroupFacts alone = new GroupFacts(f.cluster(), f.epoch() + 1, java.util.UUID.randomUUID(), self,
                    List.of(self), List.of(f.addresses().get(at)), f.admittedDigests());
            try {
                GroupFacts.writeOwn(dataRoot.resolve("ssconf"), Map.of(GroupFacts.GROUP_KEY, alone.epoch() + " "
                        + alone.group(), "master_node", self));
                stop("forced take-over (master-failover --no-voting): a new group, epoch " + alone.epoch());
                start(alone);
            } catch (IOException e) {
                throw new org.garnet.api.consensus.ConsensusException("founding the new group failed: "
                        + e.getMessage(), e);
            }
            started = engine;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!started.leading()) {
            if (System.nanoTime() > deadline) {
                throw new org.garnet.api.consensus.ConsensusException("this node founded a new group of the master "
                        + "candidates but did not lead it within " + timeout.toSeconds() + " s", null);
            }
            try {
                Thread.sleep(50); // bounded by the deadline: Ratis tells no event for the first election here
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.garnet.api.consensus.ConsensusException("interrupted", e);
            }
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /** Starts, reshapes or stops the member to match the facts. */
    private synchronized void check() {
        try {
            Optional<GroupFacts> facts = GroupFacts.read(dataRoot.resolve("ssconf"));
            boolean certified = KeyStoreFile.in(dataRoot.resolve("crypto"), "node").exists();
            facts.ifPresent(f -> admitted.see(f.admittedDigests()));
            if (facts.isEmpty() && !certified) {
                leave("this node left the cluster");
                return;
            }
            if (facts.isPresent() && !facts.get().candidates().contains(self)) {
                leave("this node is not a master candidate");
                return;
            }
            leavingSince = 0;
            if (facts.isEmpty() || !certified || !states.keySet().containsAll(STATES)) {
                return; // facts, certificates or states not (yet) there: nothing to decide on
            }
            GroupFacts f = facts.get();
            if (engine != null && !f.cluster().equals(running.cluster())) {
                // the cluster was destroyed and another one made (under the same name, perhaps)
                stop("this node is in another cluster now");
            } else if (engine != null && !f.group().equals(running.group())) {
                // a candidate founded a new group (master-failover --no-voting) while this one was away: this
                // member's log is of the old group; it joins the new one empty and catches up from its leader
                stop("the master candidates' group was founded again by " + f.master() + " (epoch " + f.epoch()
                        + ")");
            }
            if (engine != null && identityStamp() != identityStamp) {
                // gnt-cluster renew-crypto gave this node a new certificate: the others admit only the new one
                stop("this node's certificate changed");
            }
            if (engine != null && !engine.alive()) {
                restartClosed(f);
            }
            if (engine == null && factsChecked == null) {
                return; // the node's start: the other candidates have not been asked for a newer group yet
            }
            if (engine == null) {
                start(f);
            } else if (engine.leading()) {
                markFounded();
            }
            if (engine == null) {
                return;
            } else if ((!f.candidates().equals(running.candidates()) || !f.master().equals(running.master()))
                    && engine.leading()) {
                engine.setMembers(f.members(port));
                LOG.info("Raft group members now {} (master {})", f.candidates(), f.master());
                running = f;
            } else {
                running = running.admitting(f.admittedDigests());
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.warn("consensus: {}", e.toString(), e);
        }
    }

    /**
     * This node is no longer a candidate. Its member stays until the leader has taken it out of the group's
     * configuration (Raft commits that change with the votes of the old members, this one among them: stopping
     * first could leave the group without a majority), at most {@link #LEAVE_WAIT}; then it stops and the log
     * and the states built from it go.
     */
    private void leave(String why) {
        if (engine != null && engine.alive() && engine.inConfiguration()) {
            long now = System.nanoTime();
            if (leavingSince == 0) {
                leavingSince = now;
                LOG.info("Raft member {}: {}; it stays until the leader has taken it out of the group", self, why);
            }
            if (now - leavingSince < LEAVE_WAIT.toNanos()) {
                return;
            }
        }
        leavingSince = 0;
        stop(why);
        forgetLog();
    }

    /**
     * This member's division closed itself while the node is still a candidate (see {@link RaftEngine#alive()}):
     * typically a candidate taken out of the group while it could not hear it (offline), which campaigned, was
     * told it is not a member and stayed closed when it was added again, so every entry the leader sent it
     * failed. A member that is not the master starts again empty, as a new member: the leader adds it back and
     * it catches up from the leader's log or snapshot. The master keeps its log (it may hold the only copy).
     */
    private void restartClosed(GroupFacts f) throws IOException {
        boolean master = self.equals(f.master());
        stop("its division of the group closed itself (it campaigned while out of the group's configuration, or "
                + "its state machine failed)");
        if (!master) {
            forgetLog();
        }
        LOG.info("Raft member {} starts again{}", self, master ? " over its log" : " empty; the leader adds it back");
    }

    /**
     * Records, once this member has led (so the group's configuration is committed in its log), that its log
     * holds the group: a restart recovers the group from the log instead of founding it.
     */
    private void markFounded() throws IOException {
        Path marker = dataRoot.resolve("raft").resolve(FOUNDED + running.group());
        if (!java.nio.file.Files.exists(marker)) {
            try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(marker,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
                c.force(true);
            }
        }
    }

    /**
     * The logs of earlier clusters or groups this node belonged to (a cluster destroyed and made again before this
     * member noticed, a group founded again by a forced take-over) go: Ratis would run every group it finds in
     * its storage. True if there was one.
     */
    private static boolean dropOtherGroups(Path storage, java.util.UUID cluster) throws IOException {
        if (!java.nio.file.Files.isDirectory(storage)) {
            return false;
        }
        boolean dropped = false;
        try (var entries = java.nio.file.Files.list(storage)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                boolean group = java.nio.file.Files.isDirectory(p) && name.matches("[0-9a-f-]{36}");
                boolean marker = name.startsWith(FOUNDED);
                if ((group && !name.equals(cluster.toString())) || (marker && !name.equals(FOUNDED + cluster))) {
                    LOG.info("Raft storage: dropping {} (another cluster's)", p);
                    DataDirs.deleteTree(p);
                    dropped |= group;
                }
            }
        }
        return dropped;
    }

    /** When this node's key and certificate were last written (0 when missing). */
    private long identityStamp() {
        try {
            return java.nio.file.Files.getLastModifiedTime(dataRoot.resolve("crypto/node.p12")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private void start(GroupFacts f) throws IOException {
        Path crypto = dataRoot.resolve("crypto");
        identityStamp = identityStamp();
        Identity identity = KeyStoreFile.in(crypto, "node").read();
        Identity authority = KeyStoreFile.in(crypto, "cluster-ca").read();
        List<RaftEngine.Member> members = f.members(port);
        RaftEngine.Member me = new RaftEngine.Member(self, address, port);
        running = f;
        // only the master founds the group, and only while its log holds no committed configuration (a member
        // killed before its first election restarts with an empty log: it founds again); the members given are
        // the initial configuration, which the log's own entries replace. Any other member starts empty and waits
        // for the leader to add it, so it never campaigns in a group of its own
        // the indexes the states applied from another cluster's log mean nothing in this one: the founder's data
        // becomes the log's first entries, and a member added to the group is given those entries (or a snapshot)
        Path storage = dataRoot.resolve("raft");
        boolean otherCluster = dropOtherGroups(storage, f.group());
        boolean found = self.equals(f.master()) && !java.nio.file.Files.exists(storage.resolve(FOUNDED + f.group()));
        if (found || otherCluster) {
            states.values().forEach(ReplicatedState::forgetIndex);
        }
        engine = new RaftEngine(f.group(), me, found ? members : List.of(), storage, Tls.keyManager(identity),
                Tls.trustManager(authority.certificate(), cert -> admitted.admits(
                        Certificates.fingerprint(cert, "SHA-1").toUpperCase(java.util.Locale.ROOT)),
                        reason -> LOG.warn("Raft port refused a caller: {}", reason)),
                states, this::tune);
        engine.start();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("node.name", self);
        registration = context.registerService(ReplicatedLog.class, engine, props);
        LOG.info("Raft member {} started on {}:{}, group of {} (epoch {})", self, address, port, f.candidates(),
                f.epoch());
    }

    /**
     * The log's snapshot and purge settings from the configuration: a snapshot every {@code raft.snapshot.every}
     * entries, the log purged up to it at each one (at most every 1,024 entries, Ratis's default gap), in
     * segment files of {@code raft.segment.kib} KiB when given.
     */
    private void tune(org.apache.ratis.conf.RaftProperties p) {
        org.apache.ratis.server.RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, snapshotEvery);
        org.apache.ratis.server.RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(1024, snapshotEvery));
        if (segmentKib > 0) {
            org.apache.ratis.server.RaftServerConfigKeys.Log.setSegmentSizeMax(p,
                    org.apache.ratis.util.SizeInBytes.valueOf(segmentKib * 1024));
        }
    }

    /**
     * A node that left the group drops its copy of the log: if it becomes a candidate again, the leader adds it
     * afresh and it catches up, instead of starting from an old view of the group. The states built from the
     * log go with it.
     */
    private void forgetLog() {
        Path storage = dataRoot.resolve("raft");
        if (!java.nio.file.Files.isDirectory(storage)) {
            return;
        }
        for (Map.Entry<String, ReplicatedState> s : states.entrySet()) {
            // on its own thread, waited for a bounded time: this thread decides the member's life
            java.util.concurrent.CompletableFuture<Void> left = java.util.concurrent.CompletableFuture.runAsync(
                    () -> s.getValue().leave());
            try {
                left.get(15, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                LOG.warn("consensus: dropping this node's copy of the {}: {}", s.getKey(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("consensus: dropping this node's copy of the {}: {}", s.getKey(), e.getMessage());
            }
        }
        try (java.util.stream.Stream<Path> all = java.nio.file.Files.walk(storage)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // nothing kept
        } catch (IOException e) {
            LOG.warn("consensus: cannot remove the old Raft log {}: {}", storage, e.getMessage());
        }
    }

    /** Stops the member if it runs; true if it did. */
    private boolean stop(String why) {
        if (engine == null) {
            return false;
        }
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        try {
            engine.close();
        } catch (IOException e) {
            LOG.warn("consensus: stopping the Raft member: {}", e.getMessage());
        }
        engine = null;
        running = null;
        LOG.info("Raft member {} stopped: {}", self, why);
        return true;
    }

    @Deactivate
    void deactivate() {
        if (forcedRegistration != null) {
            forcedRegistration.unregister();
        }
        timer.shutdownNow();
        synchronized (this) {
            stop("the component stops");
        }
    }
}
