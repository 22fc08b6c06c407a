package org.garnet.core.internal.lu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
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
import org.garnet.api.model.NodeGroup;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_CLUSTER_VERIFY_GROUP}: the nodes of one group. The master (this appliance) is checked for real:
 * its file and shared-file storage directories exist and are writable, its hypervisors verify; each instance's
 * runtime state matches its configured state and its disks can be found. Other nodes cannot be reached until
 * the node daemon exists, which is reported as an error rather than hidden.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + ClusterVerifyGroupOp.OP)
public class ClusterVerifyGroupOp implements OpDefinition {
    static final String OP = "OP_CLUSTER_VERIFY_GROUP";
    /** Less free space than this in a storage directory is reported (Ganeti warns on low VG space too). */
    static final long MIN_FREE_MIB = 1024;

    @Reference
    ConfigStore store;

    @Reference
    org.garnet.core.internal.drivers.Drivers drivers;

    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    volatile org.garnet.api.config.ClusterService clusterService;

    /** Ganeti's mirrored disk templates ({@code DTS_MIRRORED}): an instance on others is non-redundant. */
    static final Set<String> MIRRORED = Set.of("drbd", "sharedfile", "blockdev", "rbd", "ext", "gluster");

    public ClusterVerifyGroupOp() {
    }

    private static java.util.Map<String, Object> filledBe(Cluster cluster, org.garnet.api.model.Instance i) {
        java.util.Map<String, Object> be = new java.util.HashMap<>(cluster.beparams());
        be.putAll(i.beparams());
        return be;
    }

    public ClusterVerifyGroupOp(ConfigStore store, org.garnet.core.internal.drivers.Drivers drivers) {
        this.store = store;
        this.drivers = drivers;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        List<OpParam> p = new java.util.ArrayList<>(VerifyParams.common(true));
        p.removeIf(x -> x.name().equals("group_name"));
        p.add(OpParam.required("group_name", ParamType.STRING, "Node group to verify"));
        return p;
    }


    @Override
    public LogicalUnit create(OpCode op, LuContext ctx) {
        String groupName = (String) op.params().get("group_name");
        return new LogicalUnit() {
            private NodeGroup group;

            @Override
            public void declareLocks(LockPlan plan) {
                // Ganeti names the group by its UUID here (the verify job's opcode); a name is accepted too
                group = store.get(NodeGroup.class, groupName).or(() -> store.byName(NodeGroup.class, groupName))
                        .orElseThrow(() -> GanetiException.prereq("Node group '" + groupName + "' not found",
                                ErrorCode.ECODE_NOENT));
                plan.need(LockLevel.NODEGROUP, Set.of(group.uuid()), true);
            }

            @Override
            public void beforeLevel(LockLevel level, LockPlan plan) {
                if (level == LockLevel.NODE) {
                    Set<String> members = new java.util.TreeSet<>();
                    store.list(Node.class).stream().filter(n -> group.uuid().equals(n.group()))
                            .forEach(n -> members.add(n.uuid()));
                    plan.need(LockLevel.NODE, members, true);
                }
            }

            @Override
            public Object exec() {
                Verifier v = new Verifier(ctx, Boolean.TRUE.equals(op.params().get("debug_simulate_errors")));
                ctx.feedback("* Verifying group '" + group.name() + "'");
                List<Node> nodes = store.list(Node.class).stream().filter(n -> group.uuid().equals(n.group()))
                        .toList();
                ctx.feedback("* Gathering data (" + nodes.size() + " nodes)");
                Cluster cluster = store.cluster().orElseThrow();
                List<Node> online = nodes.stream().filter(n -> !n.offline()).toList();
                ctx.feedback("* Gathering information about nodes (" + online.size() + " nodes)");
                for (Node n : online) {
                    if (n.uuid().equals(cluster.masterNode()) && clusterService != null
                            && clusterService.liveData(n) == null) {
                        v.error("node", n.name(), "can't read the node's memory, CPU and storage figures");
                    }
                }
                ctx.feedback("* Gathering disk information (" + online.size() + " nodes)");
                java.util.Map<String, String> diskProblems = diskProblems(cluster, nodes);
                // one node holds the configuration so far: there is no other copy to compare yet
                ctx.feedback("* Verifying configuration file consistency");
                ctx.feedback("* Verifying node status");
                for (Node n : nodes) {
                    if (n.offline()) {
                        continue;
                    }
                    if (!n.uuid().equals(cluster.masterNode())) {
                        v.error("node", n.name(), "node is not reachable (no node daemon yet)");
                        continue;
                    }
                    checkDir(v, n, cluster.fileStorageDir(), "file storage directory");
                    checkDir(v, n, cluster.sharedFileStorageDir(), "shared file storage directory");
                    for (String hvName : cluster.enabledHypervisors()) {
                        drivers.hypervisor(hvName).ifPresent(hv -> hv.verify().forEach(problem ->
                                v.error("node", n.name(), "hypervisor " + hvName + " verify failure: '" + problem + "'")));
                    }
                }
                ctx.feedback("* Verifying instance status");
                int nonRedundant = 0;
                int nonBalanced = 0;
                int offlineInstances = 0;
                for (org.garnet.api.model.Instance i : store.list(org.garnet.api.model.Instance.class)) {
                    if (nodes.stream().noneMatch(n -> n.uuid().equals(i.primaryNode()))
                            || !i.primaryNode().equals(cluster.masterNode())) {
                        continue;
                    }
                    String pname = nodes.stream().filter(n -> n.uuid().equals(i.primaryNode())).findFirst()
                            .map(Node::name).orElse(i.primaryNode());
                    var hv = drivers.hypervisor(i.hypervisor());
                    if (hv.isEmpty()) {
                        v.error("instance", i.name(), "hypervisor " + i.hypervisor() + " is not available");
                        continue;
                    }
                    boolean running = hv.get().info(i.name()).isPresent();
                    if ("up".equals(i.adminState()) && !running) {
                        v.error("instance", i.name(), "instance not running on its primary node " + pname);
                    } else if (!"up".equals(i.adminState()) && running) {
                        v.error("instance", i.name(), "instance should not run on node " + pname);
                    }
                    for (int d = 0; d < i.disks().size(); d++) {
                        String problem = diskProblems.get(i.disks().get(d).uuid());
                        if (problem != null) {
                            v.error("instance", i.name(), "couldn't retrieve status for disk/" + d + " on " + pname
                                    + ": " + problem);
                        }
                    }
                    if (!i.disks().isEmpty() && !i.disks().stream().allMatch(x -> MIRRORED.contains(x.devType()))) {
                        nonRedundant++;
                    }
                    if (Boolean.FALSE.equals(filledBe(cluster, i).get("auto_balance"))) {
                        nonBalanced++;
                    }
                    if ("offline".equals(i.adminState())) {
                        offlineInstances++;
                    }
                }
                // Garnet's disk templates so far keep no LVM volumes: nothing can be orphaned
                ctx.feedback("* Verifying orphan volumes");
                // no instance has a secondary node yet (no mirrored templates across nodes)
                ctx.feedback("* Verifying N+1 Memory redundancy");
                ctx.feedback("* Other Notes");
                if (nonRedundant > 0) {
                    v.notice(nonRedundant + " non-redundant instance(s) found.");
                }
                if (nonBalanced > 0) {
                    v.notice(nonBalanced + " non-auto-balanced instance(s) found.");
                }
                if (offlineInstances > 0) {
                    v.notice(offlineInstances + " offline instance(s) found.");
                }
                long offlineNodes = nodes.stream().filter(Node::offline).count();
                if (offlineNodes > 0) {
                    v.notice(offlineNodes + " offline node(s) found.");
                }
                long drained = nodes.stream().filter(Node::drained).count();
                if (drained > 0) {
                    v.notice(drained + " drained node(s) found.");
                }
                // Garnet runs no hooks yet: there are none to report
                ctx.feedback("* Hooks Results");
                v.simulated();
                return v.ok();
            }

            /** Every disk of this group's instances on the master that can't be assembled, with the reason. */
            private java.util.Map<String, String> diskProblems(Cluster cluster, List<Node> nodes) {
                java.util.Map<String, String> out = new java.util.HashMap<>();
                for (org.garnet.api.model.Instance i : store.list(org.garnet.api.model.Instance.class)) {
                    if (!i.primaryNode().equals(cluster.masterNode())
                            || nodes.stream().noneMatch(n -> n.uuid().equals(i.primaryNode()))) {
                        continue;
                    }
                    for (var disk : i.disks()) {
                        var template = drivers.template(disk.devType());
                        if (template.isEmpty()) {
                            out.put(disk.uuid(), "no available template " + disk.devType());
                            continue;
                        }
                        try {
                            template.get().assemble(disk);
                        } catch (RuntimeException e) {
                            out.put(disk.uuid(), e.getMessage());
                        }
                    }
                }
                return out;
            }
        };
    }

    private static void checkDir(Verifier v, Node node, String dir, String what) {
        if (dir == null || dir.isEmpty()) {
            return;
        }
        Path p = Path.of(dir);
        boolean ok = Files.isDirectory(p) && Files.isWritable(p);
        v.check(ok, "node", node.name(), what + " '" + dir + "' is missing or not writable");
        if (ok) {
            try {
                long freeMiB = Files.getFileStore(p).getUsableSpace() / (1024 * 1024);
                v.check(freeMiB >= MIN_FREE_MIB, "node", node.name(), what + " '" + dir + "' has only " + freeMiB
                        + " MiB free");
            } catch (java.io.IOException e) {
                v.error("node", node.name(), "can't read the free space of " + what + " '" + dir + "': "
                        + e.getMessage());
            }
        }
    }
}
