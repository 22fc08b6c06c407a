package org.garnet.core.internal.lu.instance;

import java.time.Duration;
import java.util.List;
import org.garnet.api.GanetiException;
import org.garnet.api.hypervisor.Hypervisor;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;

/**
 * Ganeti's failover ({@code _ExecFailover}): the instance stops on its primary, its disks are shut down there, the
 * configuration names the target as its primary, and if it is marked up its disks are activated and it starts on
 * the target. A primary that is offline, or a shutdown that fails with {@code ignore_consistency}, is passed over
 * with a warning (the user vouches that the node is down).
 */
final class Failover {
    private Failover() {
    }

    static void run(Move m, int shutdownTimeout, boolean ignoreConsistency) {
        Instance inst = m.inst();
        Node source = m.source();
        Node target = m.target();
        m.ctx().feedback("Failover instance " + inst.name());
        if (inst.disksActive()) {
            // shared and external storage is the same on every node: nothing to compare
            m.ctx().feedback("* checking disk consistency between source and target");
        } else {
            m.ctx().feedback("* not checking disk consistency as instance is not running");
        }
        m.ctx().feedback("* shutting down instance on source node");
        String failed = null;
        if (source.offline()) {
            failed = "Node " + source.name() + " is marked offline";
        } else {
            try {
                Hypervisor hv = m.nodes().at(source).hypervisor(inst.hypervisor());
                if (Instances.running(hv, inst)) {
                    hv.stop(m.hvOn(List.of()), false, Duration.ofSeconds(shutdownTimeout));
                }
            } catch (GanetiException e) {
                failed = e.getMessage();
            }
        }
        if (failed != null) {
            if (!ignoreConsistency && !source.offline()) {
                throw GanetiException.exec("Could not shutdown instance " + inst.name() + " on node "
                        + source.name() + ": " + failed);
            }
            m.ctx().feedback("WARNING: Could not shutdown instance " + inst.name() + " on node " + source.name()
                    + ", proceeding anyway; please make sure node " + source.name() + " is down; error details: "
                    + failed);
        }
        m.closeDisks(source, ignoreConsistency);
        m.ctx().feedback("* deactivating the instance's disks on source node");
        m.shutdownDisks(source, true);
        Instances.withDisksActive(m.store(), inst, false);
        Instance moved = m.setPrimary(target);
        if ("up".equals(moved.adminState())) {
            m.ctx().feedback("* activating the instance's disks on target node " + target.name());
            List<String> paths;
            try {
                paths = Instances.assembleDisks(m.store(), m.cluster(), m.nodes().at(target), moved);
            } catch (GanetiException e) {
                m.shutdownDisks(target, true);
                throw GanetiException.exec("Can't activate the instance's disks");
            }
            m.ctx().feedback("* starting the instance on the target node " + target.name());
            try {
                m.nodes().at(target).hypervisor(inst.hypervisor()).start(Instances.hv(m.cluster(), moved, paths),
                        false);
            } catch (GanetiException e) {
                m.shutdownDisks(target, true);
                throw GanetiException.exec("Could not start instance " + inst.name() + " on node " + target.name()
                        + ": " + e.getMessage());
            }
            Instances.withDisksActive(m.store(), moved, true);
        }
    }
}
