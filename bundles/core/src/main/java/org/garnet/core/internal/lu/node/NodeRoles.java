package org.garnet.core.internal.lu.node;

import java.util.List;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.lu.LuContext;
import org.garnet.core.internal.CoreConfig;
import org.garnet.core.internal.DataRoot;
import org.garnet.core.internal.node.CandidateCerts;
import org.garnet.core.internal.node.ClusterPush;
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * What the node units do after they changed nodes or roles, in one place: the admitted certificate digests
 * brought in step with the roles, then the new facts pushed to every online node (a node that missed them is
 * named in the job's log and gets them later).
 */
@Component(service = NodeRoles.class, configurationPid = CoreConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class NodeRoles {
    private final ConfigStore store;
    private final NodeRpc rpc;
    private final ClusterPush push;
    private final CandidateCerts certs;

    @Activate
    public NodeRoles(@Reference ConfigStore store, @Reference NodeRpc rpc, @Reference ClusterPush push,
                     CoreConfig config) {
        this.store = store;
        this.rpc = rpc;
        this.push = push;
        this.certs = new CandidateCerts(DataRoot.of(config));
    }

    NodeRpc rpc() {
        return rpc;
    }

    /** Forgets the digest held for a node whose certificate was just replaced (a node added again). */
    void newCertificate(String nodeUuid) {
        certs.remove(nodeUuid);
    }

    /** After a change of nodes or roles. */
    void changed(LuContext ctx) {
        CandidateDigests.sync(store, rpc, certs, ctx);
        List<String> failed = push.push();
        if (!failed.isEmpty()) {
            ctx.feedback("Warning: could not update the cluster facts on node(s) " + String.join(", ", failed));
        }
    }
}
