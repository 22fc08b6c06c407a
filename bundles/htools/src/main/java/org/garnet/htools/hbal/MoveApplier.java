package org.garnet.htools.hbal;

import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/**
 * Ganeti's applyMoveEx: computes the node states after one instance move without modifying the node array.
 * Returns null when the move is impossible. {@code intP}/{@code intS} are the old primary with the instance
 * removed as primary and the old secondary with it removed as secondary (callers may cache them per instance;
 * {@code intS} is null for instances without secondary).
 */
public final class MoveApplier {
    private MoveApplier() {
    }

    /** Number of tags two nodes' location tag sets share. */
    static int commonLocations(Node p, Node s) {
        if (p.locationTags.isEmpty() || s.locationTags.isEmpty()) {
            return 0;
        }
        int c = 0;
        for (String t : p.locationTags) {
            if (s.locationTags.contains(t)) {
                c++;
            }
        }
        return c;
    }

    private static Instance withNodes(Instance inst, int p, int s, Integer locScore) {
        Instance n = inst.copy();
        n.pNode = p;
        n.sNode = s;
        if (locScore != null) {
            n.locationScore = locScore;
        }
        return n;
    }

    public static MoveResult apply(boolean force, Node[] nl, Instance inst, IMove mv) {
        Node oldP = nl[inst.pNode];
        Node intP = oldP.removePri(inst);
        Node intS = inst.sNode >= 0 ? nl[inst.sNode].removeSec(inst) : null;
        return apply(force, nl, inst, mv, intP, intS);
    }

    public static MoveResult apply(boolean force, Node[] nl, Instance inst, IMove mv, Node intP, Node intS) {
        int opdx = inst.pNode;
        int osdx = inst.sNode;
        Node oldP = nl[opdx];
        switch (mv.kind()) {
            case FAILOVER: {
                Node oldS = nl[osdx];
                if (!oldP.canMigrateTo(oldS)) {
                    return null;
                }
                Node newP = intS.addPriEx(oldP.offline || force, inst);
                if (newP.failed()) {
                    return null;
                }
                Node newS = intP.addSecExEx(oldP.offline, oldP.offline || force, inst, osdx);
                if (newS.failed()) {
                    return null;
                }
                return new MoveResult(new int[] {opdx, osdx}, new Node[] {newS, newP},
                        withNodes(inst, osdx, opdx, null), osdx, opdx);
            }
            case FAILOVER_TO_ANY: {
                int npdx = mv.target();
                Node tgt = nl[npdx];
                if (!oldP.canMigrateTo(tgt)) {
                    return null;
                }
                Node np = tgt.addPriEx(oldP.offline || force, inst);
                if (np.failed()) {
                    return null;
                }
                return new MoveResult(new int[] {opdx, npdx}, new Node[] {intP, np}, withNodes(inst, npdx, osdx, null),
                        npdx, osdx);
            }
            case REPLACE_PRIMARY: {
                int npdx = mv.target();
                Node oldS = nl[osdx];
                Node tgt = nl[npdx];
                Instance ni = withNodes(inst, npdx, osdx, commonLocations(tgt, intS));
                boolean forceP = oldP.offline || force;
                if (!oldP.canMigrateTo(oldS) || !oldS.canMigrateTo(tgt)) {
                    return null;
                }
                Node tmpS = intS.addPriEx(forceP, ni);
                if (tmpS.failed()) {
                    return null;
                }
                Node tmpS2 = tmpS.removePri(ni);
                Node newP = tgt.addPriEx(forceP, ni);
                if (newP.failed()) {
                    return null;
                }
                Node newS = tmpS2.addSecEx(forceP, ni, npdx);
                if (newS.failed()) {
                    return null;
                }
                return new MoveResult(new int[] {opdx, osdx, npdx}, new Node[] {intP, newS, newP}, ni, npdx, osdx);
            }
            case REPLACE_SECONDARY: {
                int nsdx = mv.target();
                Node oldS = nl[osdx];
                Node tgt = nl[nsdx];
                boolean forceS = oldS.offline || force;
                Instance ni = withNodes(inst, opdx, nsdx, commonLocations(oldP, tgt));
                Node newS = tgt.addSecEx(forceS, ni, opdx);
                if (newS.failed()) {
                    return null;
                }
                Node p2 = intP.addPriEx(true, ni);
                if (p2.failed()) {
                    return null;
                }
                return new MoveResult(new int[] {nsdx, osdx, opdx}, new Node[] {newS, intS, p2}, ni, opdx, nsdx);
            }
            case REPLACE_AND_FAILOVER: {
                int npdx = mv.target();
                Node oldS = nl[osdx];
                Node tgt = nl[npdx];
                Instance ni = withNodes(inst, npdx, opdx, commonLocations(tgt, intP));
                boolean forceS = oldS.offline || force;
                if (!oldP.canMigrateTo(tgt)) {
                    return null;
                }
                Node newP = tgt.addPriEx(force, ni);
                if (newP.failed()) {
                    return null;
                }
                Node newS = intP.addSecEx(forceS, ni, npdx);
                if (newS.failed()) {
                    return null;
                }
                return new MoveResult(new int[] {opdx, osdx, npdx}, new Node[] {newS, intS, newP}, ni, npdx, opdx);
            }
            case FAILOVER_AND_REPLACE: {
                int nsdx = mv.target();
                Node oldS = nl[osdx];
                Node tgt = nl[nsdx];
                boolean forceP = oldP.offline || force;
                Instance ni = withNodes(inst, osdx, nsdx, commonLocations(intS, tgt));
                if (!oldP.canMigrateTo(oldS)) {
                    return null;
                }
                Node newP = intS.addPriEx(forceP, ni);
                if (newP.failed()) {
                    return null;
                }
                Node newS = tgt.addSecEx(forceP, ni, osdx);
                if (newS.failed()) {
                    return null;
                }
                return new MoveResult(new int[] {osdx, opdx, nsdx}, new Node[] {newP, intP, newS}, ni, osdx, nsdx);
            }
            default:
                throw new IllegalStateException(mv.toString());
        }
    }
}
