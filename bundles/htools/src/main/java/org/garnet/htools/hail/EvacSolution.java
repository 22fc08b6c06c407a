package org.garnet.htools.hail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/** Running state and result of node-evacuate / change-group (Ganeti's EvacSolution plus the cluster state). */
public final class EvacSolution {
    /** A moved instance: its index, new group and new nodes. */
    public record Moved(int idx, int gdx, int[] nodes) {
    }

    /** An instance that could not be moved, and why. */
    public record Failed(int idx, String msg) {
    }

    /** A successful single-instance evacuation: the new state and the jobs' opcodes. */
    record Step(Node[] nl, List<Instance> il, List<Map<String, Object>> ops) {
    }

    public Node[] nl;
    public List<Instance> il;
    public final List<Moved> moved = new ArrayList<>();
    public final List<Failed> failed = new ArrayList<>();
    public final List<List<Map<String, Object>>> opcodes = new ArrayList<>();

    EvacSolution(Node[] nl, List<Instance> il) {
        this.nl = nl;
        this.il = il;
    }

    /** Ganeti's updateEvacSolution (results kept in order, so no final reversal is needed). */
    void update(int idx, Step step, String error) {
        if (step == null) {
            failed.add(new Failed(idx, error));
            return;
        }
        nl = step.nl();
        il = step.il();
        Instance inst = il.get(idx);
        moved.add(new Moved(idx, nl[inst.pNode].group, inst.allNodes()));
        opcodes.add(step.ops());
    }
}
