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
    private final RaftGroupId groupId;
    private final RaftPeerId self;
    private final RaftServer server;
    private final StatesMachine machine;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();

    /**
     * A member {@code self} of the group {@code members} of the cluster {@code cluster}; not started.
     * {@code states} are the replicated states by name.
     */
    public RaftEngine(UUID cluster, Member self, List<Member> members, Path storage, X509KeyManager keys,
                      X509ExtendedTrustManager trust, Map<String, ReplicatedState> states) throws IOException {
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
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, 50_000);
        Parameters params = new Parameters();
        GrpcTlsConfig tls = new GrpcTlsConfig(keys, trust, true);
        GrpcConfigKeys.Server.setTlsConf(params, tls);
        GrpcConfigKeys.Admin.setTlsConf(params, tls);
        GrpcConfigKeys.Client.setTlsConf(params, tls);
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
        RaftClientRequest request = RaftClientRequest.newBuilder().setClientId(clientId).setServerId(self)
                .setGroupId(groupId).setCallId(callIds.incrementAndGet())
                .setMessage(Message.valueOf(ByteString.copyFrom(Entries.encode(state, entry))))
                .setType(RaftClientRequest.writeRequestType()).build();
        try {
            return server.submitClientRequestAsync(request)
                    .orTimeout(APPEND_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    .handle((reply, error) -> outcome(reply, error));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new ConsensusException("the replicated log refused the entry: "
                    + e.getMessage(), e));
        }
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
    public Optional<String> leader() {
        try {
            RaftPeerId id = server.getDivision(groupId).getInfo().getLeaderId();
            return Optional.ofNullable(id).map(RaftPeerId::toString);
        } catch (IOException e) {
            return Optional.empty();
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
     * Changes the group's members (on the leader), one member at a time (Raft takes no change of a majority at
     * once): each added member first catches up, each step is committed before the next.
     */
    public void setMembers(List<Member> members) throws IOException {
        List<RaftPeer> current = new java.util.ArrayList<>(server.getDivision(groupId).getGroup().getPeers());
        java.util.Set<String> wanted = new java.util.HashSet<>();
        members.forEach(m -> wanted.add(m.id()));
        for (Member m : members) {
            if (current.stream().noneMatch(p -> p.getId().toString().equals(m.id()))) {
                current.add(m.peer());
                configure(current);
            }
        }
        for (RaftPeer p : List.copyOf(current)) {
            if (!wanted.contains(p.getId().toString())) {
                current.remove(p);
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

    /** Hands the leadership to {@code member} (from the leader); returns once it leads or fails. */
    public void transferLeadership(String member, Duration timeout) throws IOException {
        RaftClientReply reply = server.transferLeadership(new TransferLeadershipRequest(clientId, self, groupId,
                callIds.incrementAndGet(), RaftPeerId.valueOf(member), timeout.toMillis()));
        if (!reply.isSuccess()) {
            throw new ConsensusException("handing over the master role failed: " + reply.getException(),
                    reply.getException());
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
