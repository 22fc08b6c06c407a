package org.garnet.core.internal.lu;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.locks.LockLevel;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_CLUSTER_VERIFY_CONFIG}: the configuration's own consistency (master node, node groups, instance
 * nodes), reported through the job log as Ganeti does ({@code * Verifying ...}, {@code   - ERROR: ...});
 * result {@code true} when nothing is wrong.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + ClusterVerifyConfigOp.OP)
public class ClusterVerifyConfigOp implements OpDefinition {
    static final String OP = "OP_CLUSTER_VERIFY_CONFIG";

    @Reference
    ConfigStore store;
    @Reference
    org.garnet.core.internal.drivers.Drivers drivers;
    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    volatile org.osgi.service.component.ComponentServiceObjects<org.garnet.api.rapi.RapiCertificate> rapiCertificate;
    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    volatile org.garnet.api.consensus.ReplicatedLog replicatedLog;

    /** Ganeti warns about a certificate that expires within this many days. */
    static final int CERT_WARN_DAYS = 30;

    public ClusterVerifyConfigOp() {
    }

    public ClusterVerifyConfigOp(ConfigStore store, org.garnet.core.internal.drivers.Drivers drivers) {
        this.store = store;
        this.drivers = drivers;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return VerifyParams.common(false);
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext ctx) {
        return new LogicalUnit() {
            @Override
            public void declareLocks(LockPlan plan) {
                plan.need(LockLevel.NODEGROUP, LockPlan.ALL, true);
                plan.need(LockLevel.NODE, LockPlan.ALL, true);
            }

            @Override
            public Object exec() {
                Verifier v = new Verifier(ctx, Boolean.TRUE.equals(op.params().get("debug_simulate_errors")));
                ctx.feedback("* Verifying cluster config");
                Cluster cluster = store.cluster().orElse(null);
                if (cluster == null) {
                    v.error("cluster", null, "the cluster configuration is missing");
                    return v.ok();
                }
                List<Node> nodes = store.list(Node.class);
                Set<String> nodeUuids = new HashSet<>();
                nodes.forEach(n -> nodeUuids.add(n.uuid()));
                v.check(nodeUuids.contains(cluster.masterNode()), "cluster", null,
                        "master node " + cluster.masterNode() + " is not in the configuration");
                for (Instance i : store.list(Instance.class)) {
                    v.check(nodeUuids.contains(i.primaryNode()), "instance", i.name(),
                            "primary node " + i.primaryNode() + " is not in the configuration");
                }
                ctx.feedback("* Verifying cluster certificate files");
                verifyCertificate(v);
                ctx.feedback("* Verifying hypervisor parameters");
                for (String hvName : cluster.enabledHypervisors()) {
                    drivers.hypervisor(hvName).ifPresent(hv -> {
                        try {
                            hv.checkParameters(cluster.hvparams().getOrDefault(hvName, java.util.Map.of()));
                        } catch (org.garnet.api.GanetiException e) {
                            v.error("cluster", null, "hypervisor " + hvName + " parameter verify failure (source "
                                    + "cluster): " + e.getMessage());
                        }
                    });
                }
                ctx.feedback("* Verifying all nodes belong to an existing group");
                Set<String> groups = new HashSet<>();
                store.list(NodeGroup.class).forEach(g -> groups.add(g.uuid()));
                for (Node n : nodes) {
                    v.check(groups.contains(n.group()), "node", n.name(),
                            "node belongs to a non-existing group " + n.group());
                }
                verifyRaftGroup(v, cluster, nodes);
                v.simulated();
                return v.ok();
            }
        };
    }

    /**
     * On the leader of the master candidates' Raft group: every online candidate is a member of it (Garnet's
     * addition: Ganeti has no such group). A member that stopped answering shows as a node that cannot be
     * contacted.
     */
    private void verifyRaftGroup(Verifier v, Cluster cluster, List<Node> nodes) {
        org.garnet.api.consensus.ReplicatedLog log = replicatedLog;
        if (log == null || !log.leading()) {
            return; // no consensus bundle, or this node does not lead: the leader's view is the one to check
        }
        Set<String> members = new HashSet<>(log.members());
        for (Node n : nodes) {
            if (!n.offline() && (n.masterCandidate() || n.uuid().equals(cluster.masterNode()))
                    && !members.contains(n.name())) {
                v.error("node", n.name(), "master candidate is not a member of the candidates' Raft group");
            }
        }
        List<org.garnet.api.consensus.MemberProgress> progress = log.progress();
        long head = progress.stream().mapToLong(org.garnet.api.consensus.MemberProgress::commitIndex).max().orElse(0);
        for (org.garnet.api.consensus.MemberProgress p : progress) {
            if (p.silentMillis() > SILENT_MILLIS) {
                v.error("node", p.member(), "master candidate has not answered the candidates' Raft leader for "
                        + p.silentMillis() / 1000 + " s");
            } else if (head - p.commitIndex() > LAG_ENTRIES) {
                v.warning("node", p.member(), "master candidate lags the replicated log by "
                        + (head - p.commitIndex()) + " entries (at " + p.commitIndex() + " of " + head + ")");
            }
        }
    }

    /** A candidate silent longer than this is reported unreachable by the group's leader. */
    static final long SILENT_MILLIS = 5000;
    /** A candidate this many committed entries behind the leader is reported lagging. */
    static final long LAG_ENTRIES = 100;

    /** The RAPI certificate: an error once expired, a warning within {@value #CERT_WARN_DAYS} days, as Ganeti. */
    private void verifyCertificate(Verifier v) {
        java.time.Instant notAfter;
        try {
            notAfter = org.garnet.core.internal.Lazy.get(rapiCertificate, org.garnet.api.rapi.RapiCertificate::notAfter);
            if (notAfter == null) {
                return; // the RAPI bundle is not running: no certificate in use
            }
        } catch (RuntimeException e) {
            v.error("cluster", null, "while verifying the RAPI certificate: " + e.getMessage());
            return;
        }
        java.time.Instant now = java.time.Instant.now();
        if (notAfter.isBefore(now)) {
            v.error("cluster", null, "the RAPI certificate expired on " + notAfter);
        } else if (notAfter.isBefore(now.plus(java.time.Duration.ofDays(CERT_WARN_DAYS)))) {
            v.warning("cluster", null, "the RAPI certificate expires on " + notAfter);
        }
    }
}
