package org.garnet.htools.hbal;

import java.util.ArrayList;
import java.util.List;

import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/**
 * A balancing state (Ganeti's Table): all nodes and instances indexed cluster-wide, the group's node indices
 * (the score's scope, ascending) and instance indices, the score and the placements so far (oldest first).
 */
public final class Table {
    public final Node[] nodes;
    public final Instance[] instances;
    public final int[] groupNodes;
    public final int[] groupInstances;
    public final double score;
    public final List<Placement> placements;

    public Table(Node[] nodes, Instance[] instances, int[] groupNodes, int[] groupInstances, double score,
            List<Placement> placements) {
        this.nodes = nodes;
        this.instances = instances;
        this.groupNodes = groupNodes;
        this.groupInstances = groupInstances;
        this.score = score;
        this.placements = placements;
    }

    /** The table after applying a move result. */
    Table with(MoveResult r, int instIdx, IMove mv, double newScore) {
        Node[] nl = nodes.clone();
        r.applyTo(nl);
        Instance[] il = instances.clone();
        il[instIdx] = r.inst;
        List<Placement> plc = new ArrayList<>(placements);
        plc.add(new Placement(instIdx, r.pdx, r.sdx, mv, newScore));
        return new Table(nl, il, groupNodes, groupInstances, newScore, plc);
    }

    public List<Node> groupNodeList() {
        List<Node> r = new ArrayList<>();
        for (int i : groupNodes) {
            r.add(nodes[i]);
        }
        return r;
    }
}
