package org.garnet.htools.hail;

import org.garnet.htools.algo.Moves;
import org.garnet.htools.model.FailMode;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/**
 * The instance moves evacuation uses (Ganeti's applyMoveEx for Failover, FailoverToAny and ReplaceSecondary),
 * applied in place to a node array; each returns the moved instance or null, with {@link #lastFail} set.
 */
final class EvacMoves {
    /** Why the last move failed. */
    static FailMode lastFail;

    private EvacMoves() {
    }

    static Instance failover(boolean force, Node[] nl, Instance inst) {
        Instance r = Moves.failover(nl, inst, force);
        lastFail = r == null ? Moves.lastFail : null;
        return r;
    }

    static Instance failoverToAny(boolean force, Node[] nl, Instance inst, int newPdx) {
        Instance r = Moves.failoverToAny(nl, inst, newPdx, force);
        lastFail = r == null ? Moves.lastFail : null;
        return r;
    }

    static Instance replaceSecondary(boolean force, Node[] nl, Instance inst, int newSdx) {
        int oldPdx = inst.pNode;
        int oldSdx = inst.sNode;
        Node oldS = nl[oldSdx];
        Node tgt = nl[newSdx];
        Node pnode = nl[oldPdx];
        Node pnode1 = pnode.removePri(inst);
        Node intS = oldS.removeSec(inst);
        boolean forceS = oldS.offline || force;
        Instance ni = inst.copy();
        int common = 0;
        for (String t : pnode.locationTags) {
            if (tgt.locationTags.contains(t)) {
                common++;
            }
        }
        ni.locationScore = common;
        ni.sNode = newSdx;
        Node newS = tgt.addSecEx(forceS, ni, oldPdx);
        if (newS.failed()) {
            lastFail = newS.fail;
            return null;
        }
        Node pnode2 = pnode1.addPriEx(true, ni);
        if (pnode2.failed()) {
            lastFail = pnode2.fail;
            return null;
        }
        nl[oldSdx] = intS;
        nl[newSdx] = newS;
        nl[oldPdx] = pnode2;
        lastFail = null;
        return ni;
    }
}
