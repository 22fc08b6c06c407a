package org.garnet.htools.hbal;

import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/**
 * The outcome of applying a move: the changed nodes (index and new state, up to three, in the order Ganeti
 * stores them), the moved instance and its new primary and secondary node indices.
 */
public final class MoveResult {
    public final int[] idx;
    public final Node[] nodes;
    public final Instance inst;
    public final int pdx;
    public final int sdx;

    MoveResult(int[] idx, Node[] nodes, Instance inst, int pdx, int sdx) {
        this.idx = idx;
        this.nodes = nodes;
        this.inst = inst;
        this.pdx = pdx;
        this.sdx = sdx;
    }

    /** Writes the changed nodes into {@code nl}. */
    public void applyTo(Node[] nl) {
        for (int k = 0; k < idx.length; k++) {
            nl[idx[k]] = nodes[k];
        }
    }
}
