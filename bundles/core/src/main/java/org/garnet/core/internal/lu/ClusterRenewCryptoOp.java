package org.garnet.core.internal.lu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.locks.LockLevel;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Node;
import org.garnet.core.internal.CoreConfig;
import org.garnet.core.internal.DataRoot;
import org.garnet.core.internal.node.CandidateCerts;
import org.garnet.core.internal.node.ClusterPush;
import org.garnet.core.internal.node.NodeCrypto;
import org.garnet.core.internal.rpc.NodeRpc;
import org.garnet.crypto.Identity;
import org.garnet.crypto.Pem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_CLUSTER_RENEW_CRYPTO} with {@code node_certificates} ({@code gnt-cluster renew-crypto
 * --new-node-certificates}) on a running cluster: a new certificate for every online node, issued by the
 * master's copy of the authority; the new digests admitted beside the old ones on every node first, then each
 * node given its certificate (the master last, so it keeps reaching the others), then only the new digests
 * admitted. An offline node keeps its old certificate and must be re-added, as in Ganeti.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + ClusterRenewCryptoOp.OP,
        configurationPid = CoreConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class ClusterRenewCryptoOp implements OpDefinition {
    static final String OP = "OP_CLUSTER_RENEW_CRYPTO";
    private final ConfigStore store;
    private final NodeRpc rpc;
    private final ClusterPush push;
    private final NodeCrypto crypto;
    private final CandidateCerts certs;

    @Activate
    public ClusterRenewCryptoOp(@Reference ConfigStore store, @Reference NodeRpc rpc, @Reference ClusterPush push,
                                CoreConfig config) {
        this.store = store;
        this.rpc = rpc;
        this.push = push;
        this.crypto = new NodeCrypto(DataRoot.of(config));
        this.certs = new CandidateCerts(DataRoot.of(config));
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(OpParam.optional("node_certificates", ParamType.BOOL, false, "Whether to renew the node "
                        + "certificates"),
                OpParam.optional("ssh_keys", ParamType.BOOL, false, "Whether to renew SSH keys"),
                OpParam.optional("verbose", ParamType.BOOL, false, "Verbose mode"),
                OpParam.optional("debug", ParamType.BOOL, false, "Debug mode"));
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext ctx) {
        return new LogicalUnit() {
            @Override
            public void checkArguments() {
                if (Boolean.TRUE.equals(op.params().get("ssh_keys"))) {
                    throw GanetiException.prereq("Renewing SSH keys is not supported by Garnet yet",
                            ErrorCode.ECODE_INVAL);
                }
            }

            @Override
            public void declareLocks(LockPlan plan) {
                plan.need(LockLevel.NODE, LockPlan.ALL, false);
            }

            @Override
            public Object exec() {
                if (!Boolean.TRUE.equals(op.params().get("node_certificates"))) {
                    return null;
                }
                Cluster c = store.cluster().orElseThrow();
                List<Node> online = store.list(Node.class).stream().filter(n -> !n.offline()).toList();
                Map<String, Identity> fresh = new LinkedHashMap<>();
                for (Node n : online) {
                    fresh.put(n.uuid(), crypto.issue(n.name(), List.of(n.primaryIp(), n.secondaryIp())));
                }
                // both digests admitted while the nodes switch
                for (Node n : online) {
                    if (n.masterCandidate() || n.uuid().equals(c.masterNode())) {
                        certs.put(n.uuid() + ".renewing", NodeCrypto.fingerprint(fresh.get(n.uuid()).certificate()));
                    }
                }
                push.push();
                List<Node> order = new ArrayList<>(online.stream().filter(n -> !n.uuid().equals(c.masterNode()))
                        .toList());
                online.stream().filter(n -> n.uuid().equals(c.masterNode())).forEach(order::add);
                List<String> failed = new ArrayList<>();
                for (Node n : order) {
                    try {
                        rpc.at(n).installCertificate(Pem.of(fresh.get(n.uuid())));
                        ctx.feedback("Renewed the certificate of node " + n.name());
                    } catch (GanetiException e) {
                        failed.add(n.name());
                        ctx.feedback("Warning: could not renew the certificate of node " + n.name() + ": "
                                + e.getMessage());
                        fresh.remove(n.uuid());
                    }
                }
                for (String key : certs.all().keySet()) {
                    if (key.endsWith(".renewing")) {
                        certs.remove(key);
                    }
                }
                for (Node n : online) {
                    if (fresh.containsKey(n.uuid()) && (n.masterCandidate() || n.uuid().equals(c.masterNode()))) {
                        certs.put(n.uuid(), NodeCrypto.fingerprint(fresh.get(n.uuid()).certificate()));
                    }
                }
                push.push();
                if (!failed.isEmpty()) {
                    throw GanetiException.exec("Could not renew the certificates of node(s) " + String.join(", ",
                            failed) + "; re-add them with 'gnt-node add --readd'");
                }
                return null;
            }
        };
    }
}
