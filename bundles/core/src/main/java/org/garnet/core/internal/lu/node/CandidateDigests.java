package org.garnet.core.internal.lu.node;

import java.util.List;
import java.util.Map;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.lu.LuContext;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Node;
import org.garnet.core.internal.node.CandidateCerts;
import org.garnet.core.internal.rpc.NodeRpc;

/**
 * Keeps {@code candidate_certs} in step with the roles: the master's and every online candidate's digest in,
 * everyone else's out (Ganeti's updates on add, promote, demote, offline, remove). A candidate whose digest can
 * not be read keeps the one it had; the failure is reported.
 */
final class CandidateDigests {
    private CandidateDigests() {
    }

    static void sync(ConfigStore store, NodeRpc rpc, CandidateCerts certs, LuContext ctx) {
        Cluster c = store.cluster().orElseThrow();
        Map<String, String> have = certs.all();
        List<Node> nodes = store.list(Node.class);
        for (Node n : nodes) {
            boolean admitted = (n.masterCandidate() || n.uuid().equals(c.masterNode())) && !n.offline();
            if (!admitted && have.containsKey(n.uuid())) {
                certs.remove(n.uuid());
            }
        }
        List<Node> missing = nodes.stream().filter(n -> (n.masterCandidate() || n.uuid().equals(c.masterNode()))
                && !n.offline() && !have.containsKey(n.uuid())).toList();
        rpc.each(missing, cl -> cl.certificateDigest()).forEach((name, answer) -> {
            if (answer.ok()) {
                nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                        .ifPresent(n -> certs.put(n.uuid(), answer.value()));
            } else {
                ctx.feedback("Warning: could not read the certificate digest of node " + name + ": "
                        + answer.error().getMessage());
            }
        });
        for (String uuid : have.keySet()) {
            if (nodes.stream().noneMatch(n -> n.uuid().equals(uuid))) {
                certs.remove(uuid);
            }
        }
    }

}
