package org.garnet.htools.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.garnet.htools.hbal.DynUtilFile;
import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.Instance;

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
        List<DynUtilFile.Entry> util;
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
        } else {
            util = List.of();
        }
        return Cluster.load(o, err, instances -> {
            List<Instance> il = new ArrayList<>();
            for (Instance i : instances) {
                Instance c = i.copy();
                if (o.ignoreDynu) {
                    c.util = new double[] {0, 0, 0, 0};
                }
                il.add(c);
            }
            if (!o.ignoreDynu) {
                DynUtilFile.apply(util, il);
            }
            return il;
        });
    }
}
