package org.garnet.core.internal.lu.instance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.garnet.api.GanetiException;
import org.garnet.api.hypervisor.HvInstance;
import org.garnet.api.hypervisor.HvInstanceInfo;
import org.garnet.api.hypervisor.HvMigrationStatus;
import org.garnet.api.hypervisor.Hypervisor;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.core.internal.rpc.NodeRpc;

/**
 * Ganeti's live or non-live migration ({@code _ExecMigration}) and its cleanup ({@code _ExecCleanup}) for
 * externally mirrored disks: the source describes the instance, the target prepares to accept it, the source
 * sends it, the status is polled until it ends, both sides finalize, and only then the configuration names the
 * target as the primary. A step that fails aborts on both sides, leaving the instance running where it was.
 */
final class Migration {
    private static final long POLL_MILLIS = 1_000;
    private static final long FEEDBACK_MILLIS = 10_000;
    /** A migration longer than this is given up (Ganeti waits without bound; a hung hypervisor should not). */
    private static final long MAX_MILLIS = 24 * 3600 * 1000L;

    private Migration() {
    }

    static void run(Move m, boolean live) {
        Instance inst = m.inst();
        Node source = m.source();
        Node target = m.target();
        m.ctx().feedback("Migrating instance " + inst.name());
        m.ctx().feedback("* checking disk consistency between source and target");
        Hypervisor src = m.nodes().at(source).hypervisor(inst.hypervisor());
        Hypervisor dst = m.nodes().at(target).hypervisor(inst.hypervisor());
        HvInstance onSource = m.hvOn(Instances.attachDisks(m.store(), m.cluster(), m.nodes().at(source), inst)); // running: open already
        String info;
        try {
            info = src.migrationInfo(onSource);
        } catch (GanetiException e) {
            throw GanetiException.exec("Failed fetching source migration information from " + source.name() + ": "
                    + e.getMessage());
        }
        // Ganeti's disk steps around a migration (blockdev_open/close, acted on by ExtStorage providers with
        // open/close scripts): the target's disks closed, both ends opened shared while the memory moves
        m.closeDisks(target, false);
        HvInstance onTarget;
        try {
            m.openDisks(source, false);
            onTarget = m.hvOn(Instances.attachDisks(m.store(), m.cluster(), m.nodes().at(target), inst));
            m.openDisks(target, false);
            m.ctx().feedback("* preparing " + target.name() + " to accept the instance");
            dst.acceptInstance(onTarget, info, target.secondaryIp());
        } catch (GanetiException e) {
            m.ctx().feedback("Pre-migration failed, aborting");
            abort(m, src, dst, m.hvOn(List.of()), onSource, info, live);
            throw GanetiException.exec("Could not pre-migrate instance " + inst.name() + ": " + e.getMessage());
        }
        m.ctx().feedback("* migrating instance to " + target.name());
        try {
            src.migrate(m.cluster().name(), onSource, target.secondaryIp(), live);
        } catch (GanetiException e) {
            m.ctx().feedback("Migration failed, aborting");
            abort(m, src, dst, onTarget, onSource, info, live);
            throw GanetiException.exec("Could not migrate instance " + inst.name() + ": " + e.getMessage());
        }
        m.ctx().feedback("* starting memory transfer");
        awaitTransfer(m, src, dst, onSource, onTarget, info, live);
        List<String> errors = new ArrayList<>();
        try {
            src.finalizeMigrationSource(onSource, true, live);
        } catch (GanetiException e) {
            errors.add(source.name() + ": " + e.getMessage());
        }
        try {
            dst.finalizeMigrationTarget(onTarget, info, true);
        } catch (GanetiException e) {
            errors.add(target.name() + ": " + e.getMessage());
        }
        if (!errors.isEmpty()) {
            // the configuration still names the source: whoever cleans up knows where the instance was
            throw GanetiException.exec("Could not finalize instance migration: " + String.join(" ", errors));
        }
        Instance moved = m.setPrimary(target);
        m.closeDisks(source, false);
        m.openDisks(target, true);
        m.shutdownDisks(source, true);
        Instances.withDisksActive(m.store(), moved, true);
        m.ctx().feedback("* done");
    }

    private static void awaitTransfer(Move m, Hypervisor src, Hypervisor dst, HvInstance onSource,
                                      HvInstance onTarget, String info, boolean live) {
        long start = System.currentTimeMillis();
        long lastFeedback = start;
        while (true) {
            HvMigrationStatus status;
            String failure = null;
            try {
                status = src.migrationStatus(onSource);
                if (status.failed()) {
                    failure = "hypervisor returned failure";
                }
            } catch (GanetiException e) {
                status = null;
                failure = e.getMessage();
            }
            if (failure == null && System.currentTimeMillis() - start > MAX_MILLIS) {
                failure = "the migration did not end within " + MAX_MILLIS / 3_600_000 + " hours";
            }
            if (failure != null) {
                m.ctx().feedback("Migration failed, aborting");
                abort(m, src, dst, onTarget, onSource, info, live);
                throw GanetiException.exec("Could not migrate instance " + m.inst().name() + ": " + failure);
            }
            if (!status.active()) {
                m.ctx().feedback("* memory transfer complete");
                return;
            }
            long now = System.currentTimeMillis();
            if (now - lastFeedback >= FEEDBACK_MILLIS && status.transferredRam() != null
                    && status.totalRam() != null && status.totalRam() > 0) {
                m.ctx().feedback(String.format("* memory transfer progress: %.2f %%",
                        100.0 * status.transferredRam() / status.totalRam()));
                lastFeedback = now;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw GanetiException.exec("Interrupted while migrating instance " + m.inst().name());
            }
        }
    }

    /** Finalizes with failure on the target, then the source (Ganeti's order); their errors are only reported. */
    private static void abort(Move m, Hypervisor src, Hypervisor dst, HvInstance onTarget, HvInstance onSource,
                              String info, boolean live) {
        try {
            dst.finalizeMigrationTarget(onTarget, info, false);
        } catch (GanetiException e) {
            m.ctx().feedback("WARNING: Aborting migration failed on target node " + m.target().name() + ": "
                    + e.getMessage());
        }
        try {
            src.finalizeMigrationSource(onSource, false, live);
        } catch (GanetiException e) {
            m.ctx().feedback("WARNING: Aborting migration failed on source node " + m.source().name() + ": "
                    + e.getMessage());
        }
        // the disks back as before: closed on the target, the source's own again (Ganeti's _RevertDiskStatus)
        m.closeDisks(m.target(), true);
        try {
            m.openDisks(m.source(), true);
        } catch (GanetiException e) {
            m.ctx().feedback("WARNING: " + e.getMessage());
        }
        m.shutdownDisks(m.target(), true);
    }

    /**
     * {@code --cleanup}: finds where the instance runs; on both nodes the migration is aborted; on the target
     * (or on one other node) the configuration follows it; on none it is an error for the user to settle.
     */
    static void cleanup(Move m) {
        Instance inst = m.inst();
        List<Node> where = locations(m);
        boolean onSource = where.stream().anyMatch(n -> n.uuid().equals(m.source().uuid()));
        boolean onTarget = where.stream().anyMatch(n -> n.uuid().equals(m.target().uuid()));
        Hypervisor src = m.nodes().at(m.source()).hypervisor(inst.hypervisor());
        if (onSource && onTarget) {
            m.ctx().feedback("Trying to cleanup after failed migration");
            Hypervisor dst = m.nodes().at(m.target()).hypervisor(inst.hypervisor());
            String info;
            try {
                info = src.migrationInfo(m.hvOn(List.of()));
            } catch (GanetiException e) {
                throw GanetiException.exec("Failed fetching source migration information from "
                        + m.source().name() + ": " + e.getMessage());
            }
            List<String> errors = new ArrayList<>();
            try {
                dst.finalizeMigrationTarget(m.hvOn(List.of()), info, false);
            } catch (GanetiException e) {
                errors.add(e.getMessage());
            }
            try {
                src.finalizeMigrationSource(m.hvOn(List.of()), false, true);
            } catch (GanetiException e) {
                errors.add(e.getMessage());
            }
            if (!errors.isEmpty()) {
                throw GanetiException.exec("Instance migration cleanup failed: " + String.join(",", errors));
            }
            where = locations(m);
            onSource = where.stream().anyMatch(n -> n.uuid().equals(m.source().uuid()));
            onTarget = where.stream().anyMatch(n -> n.uuid().equals(m.target().uuid()));
        }
        if (onSource && onTarget) {
            throw GanetiException.exec("Instance seems to be running on two nodes, or the hypervisor is confused; "
                    + "you will have to ensure manually that it runs only on one and restart this operation");
        }
        Node target = m.target();
        if (!onSource && !onTarget) {
            if (where.size() != 1) {
                throw GanetiException.exec("Instance does not seem to be running at all; in this case it's safer "
                        + "to repair by running 'gnt-instance stop' to ensure disk shutdown, and then restarting it");
            }
            target = where.get(0);
            m.ctx().feedback("* instance running on unexpected node (" + target.name()
                    + "), updating as the new secondary");
            onTarget = true;
        }
        if (onTarget) {
            m.ctx().feedback("* instance running on secondary node (" + target.name() + "), updating config");
            m.setPrimary(target);
            m.shutdownDisks(m.source(), true);
        } else {
            m.ctx().feedback("* instance confirmed to be running on its primary node (" + m.source().name() + ")");
            m.shutdownDisks(target, true);
        }
        m.ctx().feedback("* done");
    }

    private static List<Node> locations(Move m) {
        m.ctx().feedback("* checking where the instance actually runs (if this hangs, the hypervisor might be in a "
                + "bad state)");
        List<Node> online = m.store().list(Node.class).stream().filter(n -> !n.offline()).toList();
        Map<String, NodeRpc.Outcome<List<HvInstanceInfo>>> lists = m.nodes().each(online,
                n -> n.hypervisor(m.inst().hypervisor()).list());
        List<Node> out = new ArrayList<>();
        for (Node n : online) {
            NodeRpc.Outcome<List<HvInstanceInfo>> o = lists.get(n.name());
            if (o == null || !o.ok()) {
                throw GanetiException.exec("Can't contact node " + n.name()
                        + (o != null && o.error() != null ? ": " + o.error().getMessage() : ""));
            }
            if (o.value().stream().anyMatch(i -> i.name().equals(m.inst().name()))) {
                out.add(n);
            }
        }
        m.ctx().feedback("* instance running on: " + String.join(",", out.stream().map(Node::name).toList()));
        return out;
    }
}
