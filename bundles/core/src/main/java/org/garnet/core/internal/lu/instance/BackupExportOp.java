package org.garnet.core.internal.lu.instance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Disk;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.rpc.DataEnd;
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_BACKUP_EXPORT} ({@code gnt-backup export -n NODE INSTANCE}, Ganeti's LUBackupExport, local mode): each
 * disk's data goes from the primary node to {@code NAME.new/<disk uuid>} in the target node's export directory
 * (through the OS's {@code export} script when the instance has an OS, else the raw disk), then the export's
 * {@code config.ini} is written and {@code NAME.new} replaces {@code NAME}; older exports of the instance on other
 * nodes are removed. An instance that stays and is up is exported from snapshots of its disks (ext: its
 * providers' {@code snapshot} script), restarted as soon as they exist; file disks cannot be snapshotted, so such
 * an instance is exported shut down, with {@code --long-sleep} (Ganeti's rule; unlike Ganeti, that refusal comes
 * before the instance is shut down, and a snapshot that fails restarts the instance before the refusal).
 * Answers Ganeti's {@code [finalized, [exported per disk]]}.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + BackupExportOp.OP)
public class BackupExportOp extends InstanceOp {
    static final String OP = "OP_BACKUP_EXPORT";
    /** Ganeti's {@code DTS_SNAPSHOT_CAPABLE}: ext (its providers' {@code snapshot} script), plain and drbd. */
    static final Set<String> SNAPSHOT_CAPABLE = Set.of("plain", "drbd", "ext");

    public BackupExportOp() {
    }

    public BackupExportOp(ConfigStore store, Drivers drivers, NodeRpc nodes) {
        this.store = store;
        this.drivers = drivers;
        this.nodes = nodes;
    }

    @Reference
    void setStore(ConfigStore s) {
        store = s;
    }

    @Reference
    void setDrivers(Drivers d) {
        drivers = d;
    }

    @Reference
    void setNodes(NodeRpc n) {
        nodes = n;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    protected List<OpParam> ownParams() {
        return List.of(
                OpParam.optional("compress", ParamType.STRING, "none", "Compression tool to use"),
                OpParam.optional("shutdown_timeout", ParamType.NON_NEGATIVE_INT, 120, "Shutdown timeout"),
                OpParam.optional("target_node", ParamType.ANY, null, "Destination node (local mode) or "
                        + "per-disk destinations (remote mode)"),
                OpParam.optional("target_node_uuid", ParamType.STRING, null, "Target node UUID"),
                OpParam.optional("shutdown", ParamType.BOOL, true, "Whether to shutdown the instance before "
                        + "export"),
                OpParam.optional("remove_instance", ParamType.BOOL, false, "Whether to remove instance after "
                        + "export"),
                OpParam.optional("ignore_remove_failures", ParamType.BOOL, false, "Whether to ignore failures "
                        + "while removing instances"),
                OpParam.optional("mode", ParamType.STRING, "local", "Export mode").oneOf("local", "remote"),
                OpParam.optional("x509_key_name", ParamType.ANY, null, "Name of X509 key (remote export only)"),
                OpParam.optional("destination_x509_ca", ParamType.STRING, null, "Destination X509 CA (remote "
                        + "export only)"),
                OpParam.optional("zero_free_space", ParamType.BOOL, false, "Whether to zero the free space on the "
                        + "disks of the instance"),
                OpParam.optional("zeroing_timeout_fixed", ParamType.INT, null, "The fixed part of time to wait "
                        + "before declaring the zeroing operation to have failed"),
                OpParam.optional("zeroing_timeout_per_mib", ParamType.NUMBER, null, "The variable part of time "
                        + "to wait before declaring the zeroing operation to have failed, dependent on total "
                        + "size of disks"),
                OpParam.optional("long_sleep", ParamType.BOOL, false, "Whether to allow long instance shutdowns "
                        + "during exports"));
    }

    @Override
    protected Set<String> moreNodes(OpCode op, Instance found) {
        // Ganeti locks every node: the instance's older exports are looked for (and removed) everywhere
        return LockPlan.ALL;
    }

    private Node target(OpCode op) {
        Object t = p(op).get("target_node");
        if (!(t instanceof String name)) {
            throw GanetiException.prereq("A target node is required for a local export", ErrorCode.ECODE_INVAL);
        }
        return store.byName(Node.class, name).orElseThrow(() -> GanetiException.prereq(
                "Node '" + name + "' not known", ErrorCode.ECODE_NOENT));
    }

    @Override
    protected void check(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        Map<String, Object> p = p(op);
        boolean shutdown = Boolean.TRUE.equals(p.get("shutdown"));
        if ("remote".equals(p.get("mode"))) {
            if (p.get("x509_key_name") == null) {
                throw GanetiException.prereq("Missing X509 key name for encryption", ErrorCode.ECODE_INVAL);
            }
            if (p.get("destination_x509_ca") == null) {
                throw GanetiException.prereq("Missing destination X509 CA", ErrorCode.ECODE_INVAL);
            }
            throw GanetiException.prereq("Remote (inter-cluster) exports are not supported by Garnet; export to "
                    + "a node of this cluster (mode local)", ErrorCode.ECODE_INVAL);
        }
        if (Boolean.TRUE.equals(p.get("zero_free_space")) && !shutdown) {
            throw GanetiException.prereq("Unless the instance is shut down, zeroing cannot be used.",
                    ErrorCode.ECODE_INVAL);
        }
        Instances.requireOnline(pnode);
        if (Boolean.TRUE.equals(p.get("remove_instance")) && "up".equals(inst.adminState()) && !shutdown) {
            throw GanetiException.prereq("Can not remove instance without shutting it down before",
                    ErrorCode.ECODE_STATE);
        }
        Node target = target(op);
        Instances.requireOnline(target);
        if (target.drained()) {
            throw GanetiException.prereq("Can't use drained node " + target.name(), ErrorCode.ECODE_STATE);
        }
        if (Boolean.TRUE.equals(p.get("zero_free_space"))) {
            throw GanetiException.prereq("A zeroing image must be set for zeroing to work", ErrorCode.ECODE_INVAL);
        }
        if (p.get("zeroing_timeout_fixed") != null || p.get("zeroing_timeout_per_mib") != null) {
            throw GanetiException.prereq("Zeroing timeout options can only be used only with the "
                    + "--zero-free-space option", ErrorCode.ECODE_INVAL);
        }
        if (Boolean.TRUE.equals(p.get("long_sleep")) && !shutdown) {
            throw GanetiException.prereq("The long sleep option only makes sense when the instance can be shut "
                    + "down.", ErrorCode.ECODE_INVAL);
        }
        DiskCopy.checkTool((String) p.get("compress"));
        if (trySnapshot(op, inst) && !inst.disks().stream().allMatch(d -> SNAPSHOT_CAPABLE.contains(d.devType()))) {
            if (!shutdown) {
                throw GanetiException.prereq("Not all disks could be snapshotted, and you requested a live export; "
                        + "aborting", ErrorCode.ECODE_STATE);
            }
            if (!Boolean.TRUE.equals(p.get("long_sleep"))) {
                throw GanetiException.prereq("Not all disks could be snapshotted, and you did not allow the "
                        + "instance to remain offline for a longer time through the --long-sleep option; aborting",
                        ErrorCode.ECODE_STATE);
            }
        }
    }

    /** Ganeti's TrySnapshot: a snapshot is preferred when the instance stays and is up. */
    private static boolean trySnapshot(OpCode op, Instance inst) {
        return !Boolean.TRUE.equals(p(op).get("remove_instance")) && "up".equals(inst.adminState());
    }

    @Override
    protected Object run(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        Map<String, Object> p = p(op);
        Node target = target(op);
        boolean shutdown = Boolean.TRUE.equals(p.get("shutdown"));
        boolean reboot = shutdown && "up".equals(inst.adminState()) && !Boolean.TRUE.equals(p.get("remove_instance"));
        if (shutdown) {
            ctx.feedback("Shutting down instance " + inst.name());
            Instances.stop(nodes.at(pnode), cluster, inst, pnode, ((Number) p.get("shutdown_timeout")).intValue());
        }
        boolean activate = !inst.disksActive();
        if (activate) {
            ctx.feedback("Activating disks for " + inst.name());
        }
        List<Boolean> results = new ArrayList<>();
        boolean finalized = false;
        List<Disk> snapshots = null;
        try {
            List<String> paths = Instances.assembleDisks(store, cluster, nodes.at(pnode), inst);
            if (trySnapshot(op, inst)) {
                snapshots = snapshots(ctx, inst, pnode);
                if (snapshots == null && (!shutdown || !Boolean.TRUE.equals(p.get("long_sleep")))) {
                    if (reboot) {
                        start(ctx, cluster, inst, pnode, paths); // unlike Ganeti, not left down by the refusal
                        activate = false;
                    }
                    throw GanetiException.exec(!shutdown ? "Not all disks could be snapshotted, and you requested "
                            + "a live export; aborting" : "Not all disks could be snapshotted, and you did not "
                            + "allow the instance to remain offline for a longer time through the --long-sleep "
                            + "option; aborting");
                }
            }
            if (reboot && snapshots != null) {
                start(ctx, cluster, inst, pnode, paths);
                activate = false; // the running instance keeps its disks
            }
            List<Disk> sources = snapshots != null ? snapshots : inst.disks();
            List<String> sourcePaths = paths;
            if (snapshots != null) {
                sourcePaths = new ArrayList<>();
                var params = Instances.diskParams(store, cluster, inst);
                for (Disk snap : snapshots) {
                    sourcePaths.add(Instances.devicePath(params, snap, nodes.at(pnode).template(snap.devType())
                            .assemble(snap), inst.hypervisor()));
                }
            }
            Map<String, String> env = inst.os().isEmpty() ? Map.of()
                    : OsScriptEnv.of(nodes.at(pnode), pnode, cluster, inst, sourcePaths, op.debugLevel());
            nodes.at(target).exportPrepare(inst.name());
            String compress = (String) p.get("compress");
            for (int i = 0; i < inst.disks().size(); i++) {
                Disk d = sources.get(i);
                DataEnd from = inst.os().isEmpty() ? DataEnd.disk(d.devType(), d)
                        : DataEnd.script(d.devType(), d, OsScriptEnv.name(inst), i, env);
                try {
                    DiskCopy.copy(nodes, ctx, "disk/" + i, pnode, from, target,
                            DataEnd.file(inst.name() + ".new/" + inst.disks().get(i).uuid()), compress);
                    results.add(true);
                } catch (GanetiException e) {
                    ctx.feedback(" - WARNING: disk/" + i + " failed: " + e.getMessage());
                    results.add(false);
                }
            }
            if (reboot && snapshots == null) {
                start(ctx, cluster, inst, pnode, paths);
                activate = false; // the running instance keeps its disks
            }
            if (!results.contains(false)) {
                ctx.feedback("Finalizing export on " + target.name());
                try {
                    nodes.at(target).finalizeExport(inst.name(), ExportConfig.write(cluster, inst, pnode.name(),
                            inst.disks()));
                    finalized = true;
                } catch (GanetiException e) {
                    ctx.feedback(" - WARNING: Could not finalize export for instance " + inst.name() + " on node "
                            + target.name() + ": " + e.getMessage());
                }
            } else {
                ctx.feedback(" - WARNING: Some disk exports have failed; there may be leftover data for instance "
                        + inst.name() + " on node " + target.name());
            }
        } finally {
            removeSnapshots(ctx, snapshots, pnode);
            if (activate) {
                ctx.feedback("Deactivating disks for " + inst.name());
                for (Disk d : inst.disks()) {
                    try {
                        nodes.at(pnode).template(d.devType()).shutdown(d);
                    } catch (GanetiException e) {
                        ctx.feedback(" - WARNING: Could not shutdown block device " + d.uuid() + " on node "
                                + pnode.name() + ": " + e.getMessage());
                    }
                }
            }
        }
        if (!finalized || results.contains(false)) {
            List<String> failures = new ArrayList<>();
            if (!finalized) {
                failures.add("export finalization");
            }
            List<String> bad = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                if (!results.get(i)) {
                    bad.add(Integer.toString(i));
                }
            }
            if (!bad.isEmpty()) {
                failures.add("disk export: disk(s) " + String.join(", ", bad));
            }
            throw GanetiException.exec("Export failed, errors in " + String.join(", ", failures));
        }
        if (Boolean.TRUE.equals(p.get("remove_instance"))) {
            ctx.feedback("Removing instance " + inst.name());
            Instances.remove(store, nodes.at(pnode), ctx, inst, pnode, Boolean.TRUE.equals(p.get(
                    "ignore_remove_failures")));
        }
        cleanupOlderExports(ctx, inst.name(), target);
        return List.of(true, results);
    }

    private void start(LuContext ctx, Cluster cluster, Instance inst, Node pnode, List<String> paths) {
        ctx.feedback("Starting instance " + inst.name());
        try {
            nodes.at(pnode).hypervisor(inst.hypervisor()).start(Instances.hv(cluster, inst, paths), false);
        } catch (GanetiException e) {
            ctx.feedback("Failed to start instance: " + e.getMessage());
            throw GanetiException.exec("Could not start instance: " + e.getMessage());
        }
    }

    /**
     * Ganeti's CreateSnapshots: a snapshot of every disk on the primary node (when every disk's template can
     * take one), as disks of the same template reading the snapshots; null when one could not be taken (those
     * taken are removed again), with Ganeti's warning.
     */
    private List<Disk> snapshots(LuContext ctx, Instance inst, Node pnode) {
        if (!inst.disks().stream().allMatch(d -> SNAPSHOT_CAPABLE.contains(d.devType()))) {
            return null;
        }
        List<Disk> out = new ArrayList<>();
        for (int i = 0; i < inst.disks().size(); i++) {
            Disk d = inst.disks().get(i);
            ctx.feedback("Creating a snapshot of disk/" + i + " on node " + pnode.name());
            try {
                List<String> id = nodes.at(pnode).template(d.devType()).snapshot(d);
                out.add(new Disk(java.util.UUID.randomUUID().toString(), null, d.devType(), d.size(), d.mode(),
                        d.spindles(), id, d.nodes(), d.params()));
            } catch (GanetiException e) {
                ctx.feedback(" - WARNING: Could not snapshot disk/" + i + " on node " + pnode.name() + ": "
                        + e.getMessage());
                removeSnapshots(ctx, out, pnode);
                return null;
            }
        }
        return out;
    }

    /** Ganeti's _RemoveSnapshot for each snapshot taken; a failure is a warning. */
    private void removeSnapshots(LuContext ctx, List<Disk> snapshots, Node pnode) {
        if (snapshots == null) {
            return;
        }
        for (int i = 0; i < snapshots.size(); i++) {
            Disk snap = snapshots.get(i);
            try {
                nodes.at(pnode).template(snap.devType()).remove(snap);
            } catch (GanetiException e) {
                ctx.feedback(" - WARNING: Could not remove snapshot for disk/" + i + " from node " + pnode.name()
                        + ": " + e.getMessage());
            }
        }
    }

    /** Ganeti's _CleanupExports: the instance's exports on the other nodes go. */
    private void cleanupOlderExports(LuContext ctx, String name, Node target) {
        List<Node> others = store.list(Node.class).stream().filter(n -> !n.uuid().equals(target.uuid())).toList();
        if (others.isEmpty()) {
            return;
        }
        ctx.feedback("Removing old exports for instance " + name);
        for (Node n : others) {
            List<String> there;
            try {
                there = n.offline() ? List.of() : nodes.at(n).exportList();
            } catch (GanetiException e) {
                continue;
            }
            if (there.contains(name)) {
                try {
                    nodes.at(n).exportRemove(name);
                } catch (GanetiException e) {
                    ctx.feedback(" - WARNING: Could not remove older export for instance " + name + " on node "
                            + n.name() + ": " + e.getMessage());
                }
            }
        }
    }
}
