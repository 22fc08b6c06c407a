package org.garnet.htools.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.garnet.htools.hbal.DynUtilFile;
import org.garnet.htools.loader.ClusterMerger;
import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/**
 * hbal's data loading (Ganeti's loadExternalData with the dynamic utilisation file and --ignore-dynu): like
 * {@link Cluster#load}, but the utilisation is set on the instances before they are placed on their nodes.
 */
final class HbalLoad {
    private HbalLoad() {
    }

    static ClusterData load(Options o, String dynuFile, PrintStream err) throws HtoolsException, HTool.ExitException {
        int set = (o.master.isEmpty() ? 0 : 1) + (o.luxi == null ? 0 : 1) + (o.dataFile == null ? 0 : 1);
        if (set > 1) {
            throw new HtoolsException("Only one of the rapi, luxi, and data files options should be given.");
        }
        List<DynUtilFile.Entry> util = List.of();
        if (dynuFile != null) {
            String text;
            try {
                text = DynUtilFile.read(dynuFile);
            } catch (DynUtilFile.IoFailure e) {
                err.println("hbal: " + e.getMessage());
                throw new HTool.ExitException(1);
            }
            try {
                util = DynUtilFile.parse(text);
            } catch (HtoolsException e) {
                throw new HtoolsException("can't parse utilisation data: " + e.getMessage());
            }
        }
        ClusterData cd;
        try {
            cd = Cluster.readBackend(o);
            List<Instance> il = new ArrayList<>();
            for (Instance i : cd.instances) {
                Instance c = i.copy();
                if (o.ignoreDynu) {
                    c.util = new double[] {0, 0, 0, 0};
                }
                il.add(c);
            }
            if (!o.ignoreDynu) {
                DynUtilFile.apply(util, il);
            }
            cd = ClusterMerger.merge(cd.withState(cd.nodes, il), withColon(o.exTags), o.selInsts, o.exInsts);
        } catch (HtoolsException e) {
            throw new HtoolsException("failed to load data, aborting: " + e.getMessage());
        }
        List<Node> nl = new ArrayList<>(cd.nodes);
        List<String> msgs = ClusterMerger.updateMissing(nl, cd.instances);
        if (o.verbose != 0 && !msgs.isEmpty()) {
            err.println("Warning: cluster has inconsistent data:");
            StringBuilder b = new StringBuilder();
            for (String m : msgs) {
                b.append("  - ").append(m).append('\n');
            }
            err.println(b);
        }
        return cd.withState(nl, cd.instances);
    }

    private static List<String> withColon(List<String> tags) {
        List<String> r = new ArrayList<>();
        tags.forEach(t -> r.add(t + ":"));
        return r;
    }
}
