package org.garnet.consensus.internal;

import java.util.Map;
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

    StatesMachine(Map<String, ReplicatedState> states) {
        this.states = states;
    }

    @Override
    public void notifyLeaderChanged(org.apache.ratis.protocol.RaftGroupMemberId member,
                                    org.apache.ratis.protocol.RaftPeerId leader) {
        LOG.info("Raft group of the master candidates: {} sees leader {}", member.getPeerId(), leader);
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
