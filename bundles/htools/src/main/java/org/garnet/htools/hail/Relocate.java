package org.garnet.htools.hail;

import java.util.List;

import org.garnet.htools.algo.AlgOptions;
import org.garnet.htools.iallocator.Request.EvacMode;
import org.garnet.htools.model.DiskTemplate;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/** The relocate mode (Ganeti's processRelocate): a new secondary (DRBD) or primary (shared storage). */
public final class Relocate {
    private Relocate() {
    }

    /** Result: the new state and the chosen node indices. */
    public record Result(Node[] nl, List<Instance> il, int[] nodes) {
    }

    private static String showList(List<Integer> l) {
        return l.toString().replace(" ", "");
    }

    public static Result processRelocate(AlgOptions opts, Node[] nl, List<Instance> il, int idx, int reqn,
            List<Integer> exndx) throws HtoolsException {
        if (reqn != 1) {
            throw new HtoolsException("Exchange " + reqn + " nodes mode is not implemented");
        }
        Instance orig = il.get(idx);
        int sorig = orig.sNode;
        int porig = orig.pNode;
        DiskTemplate.Mirror mir = orig.diskTemplate.mirror;
        int expNode;
        String nodeType;
        EvacMode mode;
        if (mir == DiskTemplate.Mirror.NONE) {
            throw new HtoolsException("Can't relocate non-mirrored instances");
        } else if (mir == DiskTemplate.Mirror.INTERNAL) {
            expNode = sorig;
            nodeType = "secondary";
            mode = EvacMode.CHANGE_SECONDARY;
        } else {
            expNode = porig;
            nodeType = "primary";
            mode = EvacMode.CHANGE_PRIMARY;
        }
        if (!exndx.equals(List.of(expNode))) {
            throw new HtoolsException("Unsupported request: excluded nodes not equal to instance's " + nodeType
                    + "(" + expNode + " versus " + showList(exndx) + ")");
        }
        EvacSolution es = Evacuate.tryNodeEvac(opts, nl, il, mode, List.of(idx));
        for (EvacSolution.Failed f : es.failed) {
            if (f.idx() == idx) {
                throw new HtoolsException(f.msg());
            }
        }
        int[] nodes = null;
        for (EvacSolution.Moved m : es.moved) {
            if (m.idx() == idx) {
                nodes = m.nodes();
            }
        }
        if (nodes == null) {
            throw new HtoolsException("Internal error: lost instance idx during move");
        }
        Instance inst = es.il.get(idx);
        int pnode = inst.pNode;
        int snode = inst.sNode;
        if (mir == DiskTemplate.Mirror.INTERNAL) {
            if (snode == sorig) {
                throw new HtoolsException("Internal error: instance didn't change secondary node?!");
            }
            if (snode == pnode) {
                throw new HtoolsException("Internal error: selected primary as new secondary?!");
            }
            if (nodes.length == 2 && nodes[0] == pnode && nodes[1] == snode) {
                return new Result(es.nl, es.il, new int[] {snode});
            }
            throw new HtoolsException("Internal error: inconsistent node list (" + java.util.Arrays.toString(nodes)
                    .replace(" ", "") + ") versus instance nodes (" + pnode + "," + snode + ")");
        }
        if (pnode == porig) {
            throw new HtoolsException("Internal error: instance didn't change primary node?!");
        }
        if (nodes.length == 1 && nodes[0] == pnode) {
            return new Result(es.nl, es.il, nodes);
        }
        throw new HtoolsException("Internal error: inconsistent node list (" + java.util.Arrays.toString(nodes)
                .replace(" ", "") + ") versus instance node (" + pnode + ")");
    }
}
