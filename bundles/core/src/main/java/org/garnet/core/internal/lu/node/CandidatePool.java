package org.garnet.core.internal.lu.node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Node;

/**
 * Ganeti's master candidate pool: how many candidates there are and should be ({@code min(eligible,
 * candidate_pool_size)}, eligible = master capable, online, not drained), and the promotions that fill it.
 */
final class CandidatePool {
    record Stats(int now, int should) {
    }

    private CandidatePool() {
    }

    static Stats stats(ConfigStore store, Collection<String> exceptUuids) {
        Cluster c = store.cluster().orElseThrow();
        int now = 0;
        int eligible = 0;
        for (Node n : store.list(Node.class)) {
            if (exceptUuids.contains(n.uuid())) {
                continue;
            }
            if (n.masterCandidate()) {
                now++;
            }
            if (n.masterCapable() && !n.offline() && !n.drained()) {
                eligible++;
            }
        }
        return new Stats(now, Math.min(eligible, c.candidatePoolSize()));
    }

    /** Ganeti's {@code _DecideSelfPromotion}: whether a node being added or returning becomes a candidate. */
    static boolean selfPromotion(ConfigStore store, Collection<String> exceptUuids) {
        Cluster c = store.cluster().orElseThrow();
        Stats s = stats(store, exceptUuids);
        return s.now() < Math.min(s.should() + 1, c.candidatePoolSize());
    }

    /** Ganeti's {@code MaintainCandidatePool}: promotes eligible nodes (by name) until the pool is full. */
    static List<Node> fill(ConfigStore store, Collection<String> exceptUuids) {
        Stats s = stats(store, exceptUuids);
        int now = s.now();
        List<Node> promoted = new ArrayList<>();
        for (Node n : store.list(Node.class).stream().sorted(java.util.Comparator.comparing(Node::name)).toList()) {
            if (now >= s.should()) {
                break;
            }
            if (exceptUuids.contains(n.uuid()) || n.masterCandidate() || !n.masterCapable() || n.offline()
                    || n.drained()) {
                continue;
            }
            promoted.add(store.update(Node.class, n.uuid(), x -> Nodes.withRole(x, true, x.drained(), x.offline())));
            now++;
        }
        return promoted;
    }
}
