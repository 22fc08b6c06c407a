package org.garnet.core.internal.lu;

import java.util.List;
import java.util.Map;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.locks.LockLevel;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Node;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_CLUSTER_REDIST_CONF} ({@code gnt-cluster redist-conf}, RAPI {@code PUT /2/redistribute-config}):
 * with every node lock held shared, writes the cluster object again (a new serial number, as Ganeti's
 * {@code cfg.Update} does) and pushes the cluster's facts (ssconf) to every online node now, naming those that did
 * not take them; the configuration itself stays on the master. Then the driver bundles dropped into the master's
 * {@code deploy/} (ExtStorage providers, OS definitions) go to the nodes that lack them (Garnet's addition: Ganeti
 * leaves installing providers and OSes on each node to the administrator). The result is {@code null} as in
 * Ganeti.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + ClusterRedistConfOp.OP)
public class ClusterRedistConfOp implements OpDefinition {
    static final String OP = "OP_CLUSTER_REDIST_CONF";

    @Reference
    ConfigStore store;

    @Reference
    org.garnet.core.internal.node.ClusterPush push;

    @Reference
    org.garnet.core.internal.rpc.NodeRpc rpc;

    public ClusterRedistConfOp() {
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of();
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext ctx) {
        return new LogicalUnit() {
            @Override
            public void declareLocks(LockPlan plan) {
                plan.need(LockLevel.NODE, LockPlan.ALL, true);
            }

            @Override
            public Object exec() {
                Cluster c = store.cluster().orElseThrow();
                store.update(Cluster.class, c.uuid(), cluster -> cluster);
                List<String> others = store.list(Node.class).stream()
                        .filter(n -> !n.uuid().equals(c.masterNode()) && !n.offline()).map(Node::name).toList();
                ctx.feedback("Redistributing the configuration to " + others.size() + " other online node(s)"
                        + (others.isEmpty() ? "" : ": " + String.join(", ", others)));
                List<String> failed = push.push();
                if (!failed.isEmpty()) {
                    ctx.feedback("Warning: could not update node(s) " + String.join(", ", failed));
                }
                copyDriverBundles(store.list(Node.class).stream().filter(n -> !n.uuid().equals(c.masterNode())
                        && !n.offline() && !failed.contains(n.name())).toList());
                return null;
            }

            /**
             * Streams the master's deploy/ file {@code name} to node {@code n} (node to node, as disk data goes),
             * where it appears whole in deploy/ or not at all.
             */
            private void send(String name, Node n) {
                Node master = store.get(Node.class, store.cluster().orElseThrow().masterNode()).orElseThrow();
                var end = org.garnet.core.internal.rpc.DataEnd.deploy(name);
                String id = rpc.at(n).expectData(end, "none", rpc.at(master).certificateDigest());
                try {
                    rpc.at(master).sendData(end, "none", n.secondaryIp(), id);
                } catch (org.garnet.api.GanetiException e) {
                    String why = null;
                    try {
                        why = rpc.at(n).cancelDiskData(id);
                    } catch (org.garnet.api.GanetiException ignored) {
                        // the node is gone too: its import expires there
                    }
                    throw why == null ? e : org.garnet.api.GanetiException.exec(why);
                }
            }

            /**
             * The master's driver bundles (ExtStorage providers, OS definitions in its deploy/) to the nodes that
             * lack them or hold another version.
             */
            private void copyDriverBundles(List<Node> to) {
                org.garnet.core.internal.node.DriverBundles mine =
                        org.garnet.core.internal.node.DriverBundles.ofThisAppliance();
                Map<String, String> have = mine.digests();
                if (have.isEmpty()) {
                    return;
                }
                var theirs = rpc.each(to, org.garnet.core.internal.rpc.NodeClient::driverBundles);
                for (Node n : to) {
                    var t = theirs.get(n.name());
                    if (t == null || !t.ok()) {
                        ctx.feedback("Warning: could not list the driver bundles of node " + n.name());
                        continue;
                    }
                    for (Map.Entry<String, String> b : have.entrySet()) {
                        if (b.getValue().equals(t.value().get(b.getKey()))) {
                            continue;
                        }
                        ctx.feedback("Copying " + (b.getKey().endsWith(".kar") ? "release " : "driver bundle ")
                                + b.getKey() + " to node " + n.name());
                        try {
                            send(b.getKey(), n);
                        } catch (org.garnet.api.GanetiException e) {
                            ctx.feedback("Warning: could not copy " + b.getKey() + " to node " + n.name() + ": "
                                    + e.getMessage());
                        }
                    }
                }
            }
        };
    }
}
