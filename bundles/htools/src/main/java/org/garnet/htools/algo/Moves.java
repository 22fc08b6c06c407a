package org.garnet.htools.algo;

import org.garnet.htools.model.FailMode;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/**
 * Instance moves applied in place to a node array (callers pass copies). Each returns the moved instance, or null
 * with {@link #lastFail} set when the move is impossible (the array is then unchanged).
 */
public final class Moves {
    /** Why the last move failed. */
    public static FailMode lastFail;

    private Moves() {
    }

    private static Instance fail(FailMode f) {
        lastFail = f;
        return null;
    }

    /** Failover of a DRBD instance: primary and secondary swap. */
    public static Instance failover(Node[] nl, Instance inst, boolean force) {
        int opdx = inst.pNode;
        int osdx = inst.sNode;
        Node oldP = nl[opdx];
        Node oldS = nl[osdx];
        Node intP = oldP.removePri(inst);
        Node intS = oldS.removeSec(inst);
        if (!oldP.canMigrateTo(oldS)) {
            return fail(FailMode.FailMig);
        }
        Node newP = intS.addPriEx(oldP.offline || force, inst);
        if (newP.failed()) {
            return fail(newP.fail);
        }
        Node newS = intP.addSecExEx(oldP.offline, oldP.offline || force, inst, osdx);
        if (newS.failed()) {
            return fail(newS.fail);
        }
        Instance ni = inst.copy();
        ni.pNode = osdx;
        ni.sNode = opdx;
        nl[opdx] = newS;
        nl[osdx] = newP;
        return ni;
    }

    /** Failover of a shared-storage instance to any node. */
    public static Instance failoverToAny(Node[] nl, Instance inst, int newPdx, boolean force) {
        int opdx = inst.pNode;
        Node oldP = nl[opdx];
        Node newNode = nl[newPdx];
        if (!oldP.canMigrateTo(newNode)) {
            return fail(FailMode.FailMig);
        }
        Node np = newNode.addPriEx(oldP.offline || force, inst);
        if (np.failed()) {
            return fail(np.fail);
        }
        Node op = oldP.removePri(inst);
        Instance ni = inst.copy();
        ni.pNode = newPdx;
        nl[opdx] = op;
        nl[newPdx] = np;
        return ni;
    }
}
