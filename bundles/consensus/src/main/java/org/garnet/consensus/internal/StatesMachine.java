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
    /** Where snapshots are written: a thread of its own, started when needed. */
    private static final java.util.concurrent.Executor COPIER = r -> {
        Thread t = new Thread(r, "garnet-raft-snapshot");
        t.setDaemon(true);
        t.start();
    };
    /** The snapshot being written, if any; read and set on Ratis's updater thread only. */
    private volatile CompletableFuture<SingleFileSnapshotInfo> copying;

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
        SingleFileSnapshotInfo installed = storage.loadLatestSnapshot();
        load(installed);
        if (installed != null) {
            LOG.info("Raft snapshot at index {} installed from the leader", installed.getIndex());
        }
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
     * Asked by Ratis's updater thread (the one applying entries) once enough entries were applied since the last
     * snapshot. Copying the states stopped every apply meanwhile: the queue's copy grows with its jobs, and a
     * benchmark's queue of 80,000 jobs lost a quarter of its throughput to it. So the copy is made on a thread of
     * its own ({@link #copy}), and this returns -1 (none yet) until it is done; then it returns the copy's index,
     * and Ratis may purge the log up to it. Called again as entries keep being applied.
     */
    @Override
    public long takeSnapshot() {
        CompletableFuture<SingleFileSnapshotInfo> made = copying;
        if (made == null) {
            TermIndex last = getLastAppliedTermIndex();
            if (last == null || last.getIndex() <= 0 || !states.keySet().containsAll(required)) {
                return org.apache.ratis.server.raftlog.RaftLog.INVALID_LOG_INDEX;
            }
            copying = CompletableFuture.supplyAsync(() -> copy(last), COPIER);
            return org.apache.ratis.server.raftlog.RaftLog.INVALID_LOG_INDEX;
        }
        if (!made.isDone()) {
            return org.apache.ratis.server.raftlog.RaftLog.INVALID_LOG_INDEX;
        }
        copying = null;
        SingleFileSnapshotInfo info;
        try {
            info = made.join();
        } catch (java.util.concurrent.CompletionException e) {
            LOG.error("Raft snapshot of the replicated states failed; the log is kept", e.getCause());
            return org.apache.ratis.server.raftlog.RaftLog.INVALID_LOG_INDEX;
        }
        SingleFileSnapshotInfo latest = storage.updateLatestSnapshot(info);
        // a snapshot installed from the leader meanwhile is newer: this one is left for the retention to remove
        return latest == info ? info.getIndex() : org.apache.ratis.server.raftlog.RaftLog.INVALID_LOG_INDEX;
    }

    /**
     * Writes the snapshot file of {@code last}: one zip holding each state's consistent copy. A state may apply
     * more entries while it is copied, so its copy holds at least every entry up to {@code last} and maybe a few
     * after it, with its own applied index; replaying the log from {@code last} on that copy skips what it holds.
     */
    private SingleFileSnapshotInfo copy(TermIndex last) {
        try {
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
            LOG.info("Raft snapshot of the replicated states at index {} ({} bytes)", last.getIndex(),
                    target.length());
            return new SingleFileSnapshotInfo(new FileInfo(target.toPath(), md5), last);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits (bounded) for a snapshot being written, so that nothing writes into the member's files after it stops. */
    @Override
    public void close() throws IOException {
        CompletableFuture<SingleFileSnapshotInfo> made = copying;
        if (made != null) {
            try {
                made.get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.warn("Raft snapshot not finished at stop: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.close();
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
