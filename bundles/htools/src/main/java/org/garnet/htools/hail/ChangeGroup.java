package org.garnet.htools.hail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.garnet.htools.algo.AlgOptions;
import org.garnet.htools.iallocator.Request.EvacMode;
import org.garnet.htools.model.Group;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/** The change-group mode (Ganeti's tryChangeGroup): move instances to the best of the target groups. */
public final class ChangeGroup {
    private ChangeGroup() {
    }

    public static EvacSolution tryChangeGroup(GroupAlloc.Ctx ctx, List<Group> gl, Node[] iniNl,
            List<Instance> iniIl, List<Integer> gdxs, List<Integer> idxs) {
        List<Integer> evacGdxs = new ArrayList<>();
        for (int idx : idxs) {
            int g = iniNl[iniIl.get(idx).pNode].group;
            if (!evacGdxs.contains(g)) {
                evacGdxs.add(g);
            }
        }
        List<Integer> targets = new ArrayList<>();
        if (gdxs.isEmpty()) {
            gl.forEach(g -> targets.add(g.idx));
        } else {
            targets.addAll(gdxs);
        }
        for (int g : evacGdxs) {
            targets.remove(Integer.valueOf(g));
        }
        TreeSet<Integer> excl = Evacuate.offline(iniNl);
        Map<Integer, int[]> groupNodes = Groups.nodesByGroup(iniNl);
        EvacSolution es = new EvacSolution(iniNl, iniIl);
        for (int idx : idxs) {
            Instance inst = iniIl.get(idx);
            try {
                int ncnt = inst.diskTemplate.requiredNodes();
                GroupAlloc.GroupResult best = GroupAlloc.findBestAllocGroup(ctx, gl, es.nl, es.il, targets, inst,
                        ncnt, new ArrayList<>());
                int gdx = best.group().idx;
                int[] avail = Evacuate.availableGroupNodes(groupNodes, excl, gdx);
                es.update(idx, Evacuate.nodeEvacInstance(new AlgOptions(), es.nl, es.il, EvacMode.CHANGE_ALL,
                        inst, gdx, avail), null);
            } catch (HtoolsException e) {
                es.update(idx, null, e.getMessage());
            }
        }
        return es;
    }
}
