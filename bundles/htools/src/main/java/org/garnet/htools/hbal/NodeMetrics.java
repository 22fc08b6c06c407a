package org.garnet.htools.hbal;

import org.garnet.htools.algo.Metrics;
import org.garnet.htools.model.Node;

/** Per-node components of Ganeti's cluster score, in the order of {@link Metrics#NAMES}. */
final class NodeMetrics {
    static final int COUNT = Metrics.COUNT;
    /** Index of the location exclusion (map) statistic. */
    static final int MAP = 18;
    /** 0 = standard deviation, 1 = sum, 2 = map statistic. */
    static final int[] KIND = {0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 2, 1};
    /** Whether the statistic aggregates online nodes (true) or offline nodes (false). */
    static final boolean[] ONLINE = {true, true, true, true, false, false, true, true, true, true, true, true, true,
        true, true, true, true, true, true, true};

    private NodeMetrics() {
    }

    static double[] values(Node n) {
        double[] v = new double[COUNT];
        v[0] = n.pMem;
        v[1] = n.pDsk;
        v[2] = n.failN1 ? n.sList.size() + n.pList.size() : 0;
        v[3] = n.pRem;
        double ipri = n.pList.size();
        double isec = n.sList.size();
        v[4] = ipri + isec;
        v[5] = ipri;
        v[6] = n.pCpuEff();
        v[7] = n.utilLoad[0] / n.utilPool[0];
        v[8] = n.utilLoad[1] / n.utilPool[1];
        v[9] = n.utilLoad[2] / n.utilPool[2];
        v[10] = n.utilLoad[3] / n.utilPool[3];
        v[11] = n.conflictingPrimaries();
        v[12] = n.instSpindles / n.hiSpindles;
        v[13] = n.pMemForth;
        v[14] = n.pDskForth;
        v[15] = n.pCpuEffForth();
        v[16] = n.instSpindlesForth / n.hiSpindles;
        v[17] = n.locationScore;
        v[18] = 0;
        v[19] = n.pRem;
        return v;
    }
}
