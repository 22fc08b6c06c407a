package org.garnet.consensus.internal;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.MD5FileUtil;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.garnet.api.consensus.ReplicatedState;

/**
 * Ratis's state machine over Garnet's replicated states: each committed entry goes, in log order, to the state
 * it names, unless that state already holds it (replay after a restart). {@code states} is read live.
 */
final class StatesMachine extends BaseStateMachine {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StatesMachine.class);
    private final Map<String, ReplicatedState> states;
    /** The states a snapshot must hold (one is taken only while each is there): those there at the start. */
    private final java.util.Set<String> required;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();

    StatesMachine(Map<String, ReplicatedState> states) {
        this.states = states;
        this.required = java.util.Set.copyOf(states.keySet());
    }

    @Override
    public void notifyLeaderChanged(org.apache.ratis.protocol.RaftGroupMemberId member,
                                    org.apache.ratis.protocol.RaftPeerId leader) {
        LOG.info("Raft group of the master candidates: {} sees leader {}", member.getPeerId(), leader);
    }

    @Override
    public void initialize(org.apache.ratis.server.RaftServer server, org.apache.ratis.protocol.RaftGroupId groupId,
                           org.apache.ratis.server.storage.RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        getLifeCycle().startAndTransition(() -> load(storage.loadLatestSnapshot()));
    }

    /** Before a snapshot from the leader is installed: no entry is applied meanwhile (the updater waits). */
    @Override
    public synchronized void pause() {
        getLifeCycle().transition(org.apache.ratis.util.LifeCycle.State.PAUSING);
        getLifeCycle().transition(org.apache.ratis.util.LifeCycle.State.PAUSED);
    }

    /** After a snapshot was installed from the leader: the states take its copies. */
    @Override
    public synchronized void reinitialize() throws IOException {
        load(storage.loadLatestSnapshot());
        if (getLifeCycleState() == org.apache.ratis.util.LifeCycle.State.PAUSED) {
            getLifeCycle().transition(org.apache.ratis.util.LifeCycle.State.STARTING);
            getLifeCycle().transition(org.apache.ratis.util.LifeCycle.State.RUNNING);
        }
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    /**
     * A snapshot at the last applied index: one zip file holding each state's consistent copy (entries are
     * applied on the thread that calls this, so none changes a state meanwhile). The log up to the index may
     * then be purged: a member that needs older entries gets this file instead.
     */
    @Override
    public long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() <= 0 || !states.keySet().containsAll(required)) {
            return org.apache.ratis.server.raftlog.RaftLog.INVALID_LOG_INDEX;
        }
        File target = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        Path work = Files.createTempDirectory(target.getParentFile().toPath(), ".snapshot-");
        try {
            Path zip = work.resolve("all.zip");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                for (String name : new java.util.TreeSet<>(states.keySet())) {
                    Path copy = work.resolve(name + ".db");
                    states.get(name).snapshotTo(copy);
                    out.putNextEntry(new ZipEntry(name + ".db"));
                    Files.copy(copy, out);
                    out.closeEntry();
                }
            }
            try (FileChannel c = FileChannel.open(zip, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            Files.move(zip, target.toPath(), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            DataDirs.deleteTree(work);
        }
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(target);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(target.toPath(), md5), last));
        LOG.info("Raft snapshot of the replicated states at index {} ({} bytes)", last.getIndex(), target.length());
        return last.getIndex();
    }

    /** Each state takes its copy from the snapshot, unless it has applied as much already. */
    private void load(SingleFileSnapshotInfo snapshot) throws IOException {
        if (snapshot == null || !Files.exists(snapshot.getFile().getPath())) {
            return;
        }
        Path file = snapshot.getFile().getPath();
        if (snapshot.getFile().getFileDigest() != null) {
            MD5FileUtil.verifySavedMD5(file.toFile(), snapshot.getFile().getFileDigest());
        }
        Path work = Files.createTempDirectory(file.getParent(), ".restore-");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String name = e.getName().endsWith(".db") ? e.getName().substring(0, e.getName().length() - 3) : "";
                ReplicatedState state = states.get(name);
                if (state == null) {
                    throw new IOException("the snapshot " + file + " holds " + e.getName()
                            + ", a state this node does not have");
                }
                Path copy = work.resolve(name + ".db");
                Files.copy(in, copy);
                state.restoreFrom(copy);
            }
        } finally {
            DataDirs.deleteTree(work);
        }
        updateLastAppliedTermIndex(snapshot.getTermIndex());
        LOG.info("Raft snapshot at index {} loaded", snapshot.getIndex());
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto e = trx.getLogEntry();
        Entries.Entry entry = Entries.decode(e.getStateMachineLogEntry().getLogData().toByteArray());
        ReplicatedState state = states.get(entry.state());
        if (state == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no replicated state named "
                    + entry.state() + " on this node"));
        }
        byte[] result = new byte[0];
        if (e.getIndex() > state.appliedIndex()) {
            result = state.apply(e.getIndex(), entry.payload());
        }
        updateLastAppliedTermIndex(e.getTerm(), e.getIndex());
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(result)));
    }
}
