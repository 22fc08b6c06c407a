package org.garnet.htools.algo;

import org.garnet.htools.model.Node;

/**
 * What the algorithms derived from one node object. Nodes are not changed once built (a change makes a copy, which
 * starts without a memo), so these facts stay true for the object; each entry records what else it depends on.
 * Entries are immutable and published through volatile fields, so concurrent readers see whole values.
 */
final class NodeMemo {
    /** How evacuating the node goes (global N+1), for one instance list. */
    volatile EvacPlan evac;
    /** The node as primary and as secondary of one new instance spec (allocation's pair search). */
    volatile PairFacts pair;

    static NodeMemo of(Node n) {
        Object m = n.memo;
        if (m instanceof NodeMemo nm) {
            return nm;
        }
        NodeMemo nm = new NodeMemo();
        n.memo = nm;
        return nm;
    }
}
