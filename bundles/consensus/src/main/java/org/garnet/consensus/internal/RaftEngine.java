package org.garnet.consensus.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509KeyManager;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;
import org.garnet.api.consensus.ConsensusException;
import org.garnet.api.consensus.MemberStoppedException;
import org.garnet.api.consensus.NotLeaderException;
import org.garnet.api.consensus.ReplicatedLog;
import org.garnet.api.consensus.ReplicatedState;

/**
 * One member of the master candidates' Raft group, on Apache Ratis over gRPC with mutual TLS: the cluster's
 * certificates on both sides, and only admitted certificates (the candidates') let in. The group's id comes
 * from the cluster's UUID, a member's id is its node's UUID; the Raft log and snapshots live under
 * {@code storage}.
 */
public final class RaftEngine implements ReplicatedLog, AutoCloseable {
    /**
     * A member of the group: its node's name, the address its Raft port listens on, and its priority (the
     * master's is higher: Ratis hands the leadership to an up-to-date member of higher priority).
     */
    public record Member(String id, String host, int port, int priority) {
        public Member(String id, String host, int port) {
            this(id, host, port, 0);
        }

        RaftPeer peer() {
            return RaftPeer.newBuilder().setId(id).setAddress(host + ":" + port).setPriority(priority).build();
        }
    }

    /** How long an append waits for a majority before it fails. */
    static final Duration APPEND_TIMEOUT = Duration.ofSeconds(10);
    static final long RETRY_MILLIS = 50;
    /** Entries between two snapshots of the replicated states. */
    static final long SNAPSHOT_EVERY = 20_000;
    /** The priority {@link #lead} gives this member (the master's, as {@code GroupFacts} gives it). */
    static final int GROUP_LEADER_PRIORITY = GroupFacts.MASTER_PRIORITY;
    private final RaftGroupId groupId;
    private final RaftPeerId self;
    private final RaftServer server;
    private final StatesMachine machine;
    private final ClientId clientId = ClientId.randomId();
    /** What a client of the group (for {@link #lead}) needs: the same TLS as the member's. */
    private final Parameters clientParameters;
    private final AtomicLong callIds = new AtomicLong();
    private volatile boolean closing;

    /**
     * A member {@code self} of the group {@code members} of the cluster {@code cluster}; not started.
     * {@code states} are the replicated states by name.
     */
    public RaftEngine(UUID cluster, Member self, List<Member> members, Path storage, X509KeyManager keys,
                      X509ExtendedTrustManager trust, Map<String, ReplicatedState> states) throws IOException {
        this(cluster, self, members, storage, keys, trust, states, p -> { });
    }

    /**
     * As above, with Ratis's settings changed by {@code tune} (tests take snapshots and purge the log often;
     * benchmarks try settings).
     */
    public RaftEngine(UUID cluster, Member self, List<Member> members, Path storage, X509KeyManager keys,
               X509ExtendedTrustManager trust, Map<String, ReplicatedState> states,
               java.util.function.Consumer<RaftProperties> tune) throws IOException {
        this.groupId = RaftGroupId.valueOf(cluster);
        this.self = RaftPeerId.valueOf(self.id());
        this.machine = new StatesMachine(states);
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(storage.toFile()));
        GrpcConfigKeys.Server.setHost(p, self.host());
        GrpcConfigKeys.Server.setPort(p, self.port());
        // an election starts after 1-2 s without a leader: quick failover, few spurious elections on 2 loaded cores
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(1000, java.util.concurrent.TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(2000, java.util.concurrent.TimeUnit.MILLISECONDS));
        // a snapshot of the states every snapshotEvery entries; the log before it is purged (a member that needs
        // older entries gets the snapshot), the last two snapshots kept
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, SNAPSHOT_EVERY);
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        tune.accept(p);
        Parameters params = new Parameters();
        GrpcTlsConfig tls = new GrpcTlsConfig(keys, trust, true);
        GrpcConfigKeys.Server.setTlsConf(params, tls);
        GrpcConfigKeys.Admin.setTlsConf(params, tls);
        GrpcConfigKeys.Client.setTlsConf(params, tls);
        this.clientParameters = params;
        RaftGroup group = RaftGroup.valueOf(groupId, members.stream().map(Member::peer).toList());
        this.server = RaftServer.newBuilder().setServerId(this.self).setGroup(group).setStateMachine(machine)
                .setProperties(p).setParameters(params).setOption(RaftStorage.StartupOption.RECOVER).build();
    }

    /** Starts serving: joins the group, takes part in elections. */
    public void start() throws IOException {
        server.start();
    }

    @Override
    public CompletableFuture<byte[]> append(String state, byte[] entry) {
        byte[] bytes = Entries.encode(state, entry);
        return attempt(bytes, System.nanoTime() + APPEND_TIMEOUT.toNanos());
    }

    /**
     * One attempt to append; while no member leads, or this one was elected and is not ready yet (just after it
     * started, or during an election), it tries again every {@link #RETRY_MILLIS} ms until {@code deadline}.
     */
    private CompletableFuture<byte[]> attempt(byte[] bytes, long deadline) {
        if (closing) {
            return CompletableFuture.failedFuture(new MemberStoppedException("this node's member of the group is "
                    + "stopping", null));
        }
        RaftClientRequest request = RaftClientRequest.newBuilder().setClientId(clientId).setServerId(self)
                .setGroupId(groupId).setCallId(callIds.incrementAndGet())
                .setMessage(Message.valueOf(ByteString.copyFrom(bytes)))
                .setType(RaftClientRequest.writeRequestType()).build();
        CompletableFuture<RaftClientReply> reply;
        try {
            reply = submit(request);
        } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(refused(e));
        }
        long left = deadline - System.nanoTime();
        return reply.orTimeout(Math.max(1, left), java.util.concurrent.TimeUnit.NANOSECONDS)
                .handle((r, error) -> {
                    if (error != null && stopped(error)) {
                        return CompletableFuture.<byte[]>failedFuture(refused(error));
                    }
                    boolean again = error == null ? mayLeadSoon(r) : starting(error);
                    if (again && deadline - System.nanoTime() > 0) {
                        return CompletableFuture.supplyAsync(() -> bytes, CompletableFuture.delayedExecutor(
                                RETRY_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS))
                                .thenCompose(b -> attempt(b, deadline));
                    }
                    return CompletableFuture.completedFuture(outcome(r, error));
                }).thenCompose(f -> f);
    }

    /**
     * Hands the request to this member's division on the calling thread. The server's own entry point passes it
     * to the division's client thread pool and blocks until that thread appended it: two thread hand-offs per
     * entry, measured as a third of the round trip of a group of one. Through the server when the division is
     * not there (starting, or stopping): it gives the error a caller expects.
     */
    private CompletableFuture<RaftClientReply> submit(RaftClientRequest request) throws IOException {
        RaftServer.Division division;
        try {
            division = server.getDivision(groupId);
        } catch (IOException e) {
            return server.submitClientRequestAsync(request);
        }
        if (division instanceof org.apache.ratis.protocol.RaftClientAsynchronousProtocol direct) {
            return direct.submitClientRequestAsync(request);
        }
        return server.submitClientRequestAsync(request);
    }

    /**
     * A refusal before the entry was taken because this member is stopping: its executor no longer takes tasks,
     * or it is no longer running after {@link #close()} began.
     */
    private boolean stopped(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.util.concurrent.RejectedExecutionException
                    || closing && (t instanceof org.apache.ratis.protocol.exceptions.ServerNotReadyException
                    || t instanceof org.apache.ratis.protocol.exceptions.AlreadyClosedException)) {
                return true;
            }
        }
        return false;
    }

    private ConsensusException refused(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return stopped(cause) ? new MemberStoppedException("this node's member of the group stopped before it took "
                + "the entry", cause) : new ConsensusException("the replicated log refused the entry: "
                + cause.getMessage(), cause);
    }

    /** A refusal because this member is still starting (reading its log after a restart). */
    private static boolean starting(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.ratis.protocol.exceptions.ServerNotReadyException) {
                return true;
            }
        }
        return false;
    }

    /** A refusal because no leader is known yet, or because this member leads and is not ready yet. */
    private boolean mayLeadSoon(RaftClientReply reply) {
        if (reply.getLeaderNotReadyException() != null) {
            return true;
        }
        if (reply.getNotLeaderException() != null) {
            RaftPeer suggested = reply.getNotLeaderException().getSuggestedLeader();
            return suggested == null || suggested.getId().equals(self);
        }
        return false;
    }

    private byte[] outcome(RaftClientReply reply, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof TimeoutException) {
                throw new ConsensusException("no majority of the master candidates acknowledged the change within "
                        + APPEND_TIMEOUT.toSeconds() + " s", cause);
            }
            throw new ConsensusException("the replicated log failed: " + cause.getMessage(), cause);
        }
        if (reply.getNotLeaderException() != null || reply.getLeaderNotReadyException() != null
                || reply.getLeaderSteppingDownException() != null) {
            throw new NotLeaderException(leader().orElse(null));
        }
        if (!reply.isSuccess()) {
            throw new ConsensusException("the replicated log failed: " + reply.getException(), reply.getException());
        }
        return reply.getMessage().getContent().toByteArray();
    }

    @Override
    public boolean leading() {
        try {
            return server.getDivision(groupId).getInfo().isLeaderReady();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean leadingAndApplied() {
        try {
            var division = server.getDivision(groupId);
            return division.getInfo().isLeaderReady()
                    && division.getInfo().getLastAppliedIndex() >= division.getRaftLog().getLastCommittedIndex();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Optional<String> leader() {
        try {
            RaftPeerId id = server.getDivision(groupId).getInfo().getLeaderId();
            return Optional.ofNullable(id).map(RaftPeerId::toString);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<org.garnet.api.consensus.MemberProgress> progress() {
        try {
            RaftServer.Division d = server.getDivision(groupId);
            if (!d.getInfo().isLeader()) {
                return List.of();
            }
            Map<String, Long> silent = new java.util.HashMap<>();
            d.getInfo().getRoleInfoProto().getLeaderInfo().getFollowerInfoList().forEach(f ->
                    silent.put(f.getId().getId().toStringUtf8(), f.getLastRpcElapsedTimeMs()));
            silent.put(self.toString(), 0L);
            Map<String, Long> committed = new java.util.HashMap<>();
            d.getCommitInfos().forEach(c -> committed.merge(c.getServer().getId().toStringUtf8(), c.getCommitIndex(),
                    Math::max));
            return silent.keySet().stream().sorted().map(id -> new org.garnet.api.consensus.MemberProgress(id,
                    committed.getOrDefault(id, 0L), silent.get(id))).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public List<String> members() {
        try {
            return server.getDivision(groupId).getGroup().getPeers().stream().map(p -> p.getId().toString())
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * False once this member's division of the group closed itself while the engine still runs: Ratis closes a
     * member that campaigns and hears it is no longer in the group's configuration (it was taken out while it
     * did not listen, and it stays closed if it is added again), or whose state machine failed. Only a new
     * engine serves the group again.
     */
    public boolean alive() {
        if (closing) {
            return true;
        }
        try {
            return server.getDivision(groupId).getInfo().isAlive();
        } catch (IOException e) {
            return true; // not there yet (starting)
        }
    }

    /**
     * Whether the newest configuration of the group this member holds (committed or not) names it a voter: a
     * member being removed sees the change that leaves it out once the leader has sent it.
     */
    public boolean inConfiguration() {
        try {
            return server.getDivision(groupId).getRaftConf().getCurrentPeers().stream()
                    .anyMatch(p -> p.getId().equals(self));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Changes the group's members (on the leader), one member at a time (Raft takes no change of a majority at
     * once), removals first: each added member first catches up, each step is committed before the next.
     */
    public void setMembers(List<Member> members) throws IOException {
        List<RaftPeer> current = new java.util.ArrayList<>(server.getDivision(groupId).getGroup().getPeers());
        java.util.Set<String> wanted = new java.util.HashSet<>();
        members.forEach(m -> wanted.add(m.id()));
        // removals first: a member being added must catch up before its change goes through, and one that does
        // not answer (down) would hold up the removals behind it
        for (RaftPeer p : List.copyOf(current)) {
            if (!wanted.contains(p.getId().toString())) {
                current.remove(p);
                configure(current);
            }
        }
        for (Member m : members) {
            if (current.stream().noneMatch(p -> p.getId().toString().equals(m.id()))) {
                current.add(m.peer());
                configure(current);
            }
        }
        // the same members with other priorities (the master moved): one change, no majority involved
        java.util.Map<String, Integer> priorities = new java.util.HashMap<>();
        members.forEach(m -> priorities.put(m.id(), m.priority()));
        if (current.stream().anyMatch(p -> p.getPriority() != priorities.get(p.getId().toString()))) {
            configure(members.stream().map(Member::peer).toList());
        }
    }

    private void configure(List<RaftPeer> peers) throws IOException {
        RaftClientReply reply = server.setConfiguration(new SetConfigurationRequest(clientId, self, groupId,
                callIds.incrementAndGet(), List.copyOf(peers)));
        if (!reply.isSuccess()) {
            throw new ConsensusException("changing the master candidates failed: " + reply.getException(),
                    reply.getException());
        }
    }

    /**
     * Makes this member the leader, from any member: the group's configuration gets this member as the one of
     * highest priority (the others 0; the leader takes such a change with the group's majority), then the
     * leader hands over. Returns once this member leads; fails when that cannot happen within {@code timeout}
     * (no majority, no leader).
     */
    @Override
    public void lead(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                leadOnce(deadline, timeout);
                return;
            } catch (ConsensusException e) {
                // another change of the group's configuration was under way (the leader itself adjusting the
                // priorities to the master it knows): Ratis refuses to hand over meanwhile; again, within the time
                String why = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
                if (!(why.contains("reconfiguration") && why.contains("in progress"))
                        || System.nanoTime() + RECONFIGURATION_RETRY.toNanos() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(RECONFIGURATION_RETRY.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new ConsensusException("interrupted while taking the lead", ie);
                }
            }
        }
    }

    /** How long {@link #lead} waits before trying again when a reconfiguration was under way. */
    static final Duration RECONFIGURATION_RETRY = Duration.ofMillis(250);

    private void leadOnce(long deadline, Duration timeout) {
        try {
            RaftGroup group = server.getDivision(groupId).getGroup();
            List<RaftPeer> peers = group.getPeers().stream().map(p -> RaftPeer.newBuilder(p)
                    .setPriority(p.getId().equals(self) ? GROUP_LEADER_PRIORITY : 0).build()).toList();
            boolean prioritized = group.getPeers().stream().allMatch(p -> p.getPriority()
                    == (p.getId().equals(self) ? GROUP_LEADER_PRIORITY : 0));
            if (leading() && prioritized) {
                return;
            }
            RaftProperties props = new RaftProperties();
            org.apache.ratis.client.RaftClientConfigKeys.Rpc.setRequestTimeout(props,
                    TimeDuration.valueOf(3, java.util.concurrent.TimeUnit.SECONDS));
            // straight to the leader this member knows (itself, in an automatic failover): a client that tried the
            // first member of the group could wait for a dead or stopped one first
            RaftPeerId known = server.getDivision(groupId).getInfo().getLeaderId();
            try (org.apache.ratis.client.RaftClient client = org.apache.ratis.client.RaftClient.newBuilder()
                    .setRaftGroup(group).setProperties(props).setParameters(clientParameters)
                    .setLeaderId(leading() ? self : known)
                    .setRetryPolicy(org.apache.ratis.retry.RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                            (int) Math.max(1, timeout.toMillis() / 500), TimeDuration.valueOf(500,
                                    java.util.concurrent.TimeUnit.MILLISECONDS)))
                    .build()) {
                RaftClientReply reply = client.admin().setConfiguration(peers);
                if (!reply.isSuccess()) {
                    throw new ConsensusException("the master candidates did not take the change of leader: "
                            + reply.getException(), reply.getException());
                }
                long left = Math.max(1000, (deadline - System.nanoTime()) / 1_000_000);
                if (!leading()) {
                    reply = client.admin().transferLeadership(self, left);
                    if (!reply.isSuccess() && !leading()) {
                        throw new ConsensusException("the leader did not hand over: " + reply.getException(),
                                reply.getException());
                    }
                }
            }
            while (!leading()) {
                if (System.nanoTime() > deadline) {
                    throw new ConsensusException("this member did not become the leader within "
                            + timeout.toSeconds() + " s", null);
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            throw new ConsensusException("the master candidates cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsensusException("interrupted while taking the lead", e);
        }
    }

    @Override
    public void handOver(Duration timeout) {
        if (!leading()) {
            return;
        }
        java.util.Optional<String> to = progress().stream().filter(p -> !p.member().equals(self.toString())
                        && p.silentMillis() < 1000)
                .max(java.util.Comparator.comparingLong(org.garnet.api.consensus.MemberProgress::commitIndex))
                .map(org.garnet.api.consensus.MemberProgress::member);
        if (to.isEmpty()) {
            return;
        }
        try {
            // the member it hands to gets the highest priority, or Ratis would give the lead back to this member
            // (of higher priority, up to date) before it stops; its own lead() takes it back after
            configure(server.getDivision(groupId).getGroup().getPeers().stream().map(p -> RaftPeer.newBuilder(p)
                    .setPriority(p.getId().toString().equals(to.get()) ? GROUP_LEADER_PRIORITY : 0).build())
                    .toList());
            transferLeadership(to.get(), timeout);
        } catch (IOException e) {
            throw new ConsensusException("handing the lead to " + to.get() + " failed: " + e.getMessage(), e);
        }
    }

    /** Hands the leadership to {@code member} (from the leader); returns once it leads or fails. */
    public void transferLeadership(String member, Duration timeout) throws IOException {
        RaftClientReply reply = server.transferLeadership(new TransferLeadershipRequest(clientId, self, groupId,
                callIds.incrementAndGet(), RaftPeerId.valueOf(member), timeout.toMillis()));
        if (!reply.isSuccess()) {
            throw new ConsensusException("handing over the master role failed: " + reply.getException(),
                    reply.getException());
        }
    }

    /** How long {@link #close} waits for the member's log and states to close. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(20);

    /**
     * Stops the member: returns once its log and states are closed (the storage free for the next member, as
     * after a bundle swap) and its server stops listening; the end of its connections to the other members goes
     * on behind (Ratis waits up to 3 s for each connection that still has a stream open, seen after a member it
     * streamed to had restarted).
     */
    @Override
    public void close() throws IOException {
        closing = true;
        RaftServer.Division division;
        try {
            division = server.getDivision(groupId);
        } catch (IOException e) {
            division = null;
        }
        IOException[] failed = new IOException[1];
        Thread closer = new Thread(() -> {
            try {
                server.close();
            } catch (IOException e) {
                failed[0] = e;
            }
        }, "garnet-raft-close");
        closer.setDaemon(true);
        closer.start();
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        try {
            while (closer.isAlive() && System.nanoTime() < deadline && (division == null
                    || division.getInfo().getLifeCycleState() != org.apache.ratis.util.LifeCycle.State.CLOSED)) {
                Thread.sleep(10);
            }
            // then the server's listener closes (straight after the members' close): a moment more
            closer.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failed[0] != null) {
            throw failed[0];
        }
    }
}
