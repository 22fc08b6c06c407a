package org.garnet.core.internal.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.garnet.api.consensus.MemberStoppedException;
import org.garnet.api.consensus.ReplicatedLog;
import org.garnet.api.consensus.ReplicatedState;

/**
 * A log of one member: entries are applied in order, at once or, while held, when released; a stopping member
 * refuses every entry, as Ratis's does while it restarts.
 */
public final class OneMemberLog implements ReplicatedLog {
    private record Pending(byte[] entry, CompletableFuture<byte[]> done) {
    }

    public volatile ReplicatedState state;
    private final List<Pending> pending = new ArrayList<>();
    /** Entries applied by {@link #applyHeld} whose appenders still wait, and what the state answered. */
    private final List<Pending> appliedHeld = new ArrayList<>();
    private final List<byte[]> appliedResults = new ArrayList<>();
    private boolean holding;
    private long index;
    private boolean stopping;
    private int refused;
    private int appended;

    @Override
    public synchronized CompletableFuture<byte[]> append(String name, byte[] entry) {
        appended++;
        if (stopping) {
            refused++;
            return CompletableFuture.failedFuture(new MemberStoppedException("the member is stopping", null));
        }
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        if (holding) {
            pending.add(new Pending(entry, done));
        } else {
            done.complete(state.apply(++index, entry));
        }
        return done;
    }

    synchronized void stop() {
        stopping = true;
    }

    synchronized int refused() {
        return refused;
    }

    /** How many entries were offered (taken or refused). */
    public synchronized int appended() {
        return appended;
    }

    public synchronized void hold() {
        holding = true;
    }

    public synchronized int held() {
        return pending.size();
    }

    /**
     * Applies the held entries but leaves their appenders waiting until {@link #release} (the moment between an
     * entry's commit and its writer's wake-up).
     */
    synchronized void applyHeld() {
        for (Pending p : pending) {
            appliedResults.add(state.apply(++index, p.entry()));
            appliedHeld.add(p);
        }
        pending.clear();
    }

    public void release() {
        List<Pending> now;
        List<CompletableFuture<byte[]>> done = new ArrayList<>();
        List<byte[]> results = new ArrayList<>();
        synchronized (this) {
            holding = false;
            now = List.copyOf(pending);
            pending.clear();
            for (Pending p : now) {
                results.add(state.apply(++index, p.entry()));
                done.add(p.done());
            }
        }
        List<Pending> applied;
        List<byte[]> appliedOut;
        synchronized (this) {
            applied = List.copyOf(appliedHeld);
            appliedOut = List.copyOf(appliedResults);
            appliedHeld.clear();
            appliedResults.clear();
        }
        for (int i = 0; i < applied.size(); i++) {
            applied.get(i).done().complete(appliedOut.get(i));
        }
        for (int i = 0; i < done.size(); i++) {
            done.get(i).complete(results.get(i));
        }
    }

    @Override
    public boolean leading() {
        return true;
    }

    @Override
    public Optional<String> leader() {
        return Optional.of("node1.example.com");
    }

    @Override
    public void lead(Duration timeout) {
    }

    @Override
    public List<String> members() {
        return List.of("node1.example.com");
    }
}
