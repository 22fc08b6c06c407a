package org.garnet.htools.hbal;

import org.garnet.htools.algo.Metrics;
import org.garnet.htools.model.Node;

/** Per-node components of Ganeti's cluster score, in the order of {@link Metrics#NAMES}. */
final class NodeMetrics {
    static final int COUNT = Metrics.COUNT;
    /** Index of the location exclusion (map) statistic. */
    static final int MAP = 18;
    /** 0 = standard deviation, 1 = sum, 2 = map statistic. */
    static final int[] KIND = Metrics.KIND;
    /** Whether the statistic aggregates online nodes (true) or offline nodes (false). */
    static final boolean[] ONLINE = Metrics.ONLINE;

    private NodeMetrics() {
    }

    static double[] values(Node n) {
        double[] v = new double[COUNT];
        Metrics.nodeValues(n, v);
        return v;
    }
}
