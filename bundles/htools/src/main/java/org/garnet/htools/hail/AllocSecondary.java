package org.garnet.htools.hail;

import java.util.ArrayList;
import java.util.List;

import org.garnet.htools.algo.Allocator;
import org.garnet.htools.model.DiskTemplate;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/** The allocate-secondary mode (Ganeti's tryAllocateSecondary): a secondary for converting to DRBD. */
public final class AllocSecondary {
    private AllocSecondary() {
    }

    public static AllocSolution tryAllocateSecondary(GroupAlloc.Ctx ctx, List<org.garnet.htools.model.Group> gl,
            Node[] nl, List<Instance> il, int idx) throws HtoolsException {
        Instance inst = il.get(idx);
        if (inst.sNode >= 0) {
            throw new HtoolsException("Instance already has a secondary");
        }
        int pidx = inst.pNode;
        Node[] nl2 = nl.clone();
        nl2[pidx] = nl[pidx].removePri(inst);
        Instance inst2 = inst.copy();
        inst2.diskTemplate = DiskTemplate.DRBD;
        int gidx = nl2[pidx].group;
        List<Integer> sidxs = new ArrayList<>();
        for (Node n : nl2) {
            if (n.group == gidx && n.idx != pidx) {
                sidxs.add(n.idx);
            }
        }
        int[] pair = new int[sidxs.size() + 1];
        pair[0] = pidx;
        for (int k = 0; k < sidxs.size(); k++) {
            pair[k + 1] = sidxs.get(k);
        }
        Allocator.AllocNodes an = new Allocator.AllocNodes(null, new int[][] {pair});
        return GroupAlloc.tryAlloc(ctx, nl2, null, il, inst2, an);
    }
}
