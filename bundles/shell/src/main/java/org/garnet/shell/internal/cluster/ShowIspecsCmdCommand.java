package org.garnet.shell.internal.cluster;

import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.config.ClusterService;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.ISpec;
import org.garnet.api.model.InstancePolicy;
import org.garnet.api.model.MinMaxSpec;

/** {@code gnt-cluster show-ispecs-cmd}: the {@code gnt-cluster init} options that give today's policy specs. */
@Service
@Command(scope = "gnt.cluster", name = "show-ispecs-cmd",
        description = "Show the command line to re-create the cluster's instance specs")
public class ShowIspecsCmdCommand implements Action {
    @Reference
    ClusterService cluster;

    @Override
    public Object execute() {
        Cluster c = cluster.cluster();
        InstancePolicy p = c.ipolicy();
        List<String> bounds = new ArrayList<>();
        for (MinMaxSpec mm : p.minmax()) {
            bounds.add("min:" + specs(mm.min()) + "/max:" + specs(mm.max()));
        }
        System.out.println("gnt-cluster init --ipolicy-std-specs " + specs(p.std()) + " --ipolicy-bounds-specs "
                + String.join("//", bounds) + " " + c.name());
        return null;
    }

    private static String specs(ISpec s) {
        return "cpu-count=" + s.cpuCount() + ",disk-count=" + s.diskCount() + ",disk-size=" + s.diskSize()
                + ",memory-size=" + s.memorySize() + ",nic-count=" + s.nicCount() + ",spindle-use=" + s.spindleUse();
    }
}
