package org.garnet.htools.algo;

import java.util.Arrays;
import java.util.List;

import org.garnet.htools.model.FailMode;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/**
 * One node's part in the pair search for one new instance spec: its metric values, the node as a secondary without
 * a peer entry yet, the node as the primary (or why it cannot be), and the keys that class them. Kept on the node
 * object ({@link NodeMemo}) while the spec stays the same, so a step of repeated allocation only recomputes the
 * nodes the previous step changed. The nodes kept here carry the spec's index of when they were made: only their
 * values may be used; a chosen placement is built afresh.
 */
final class PairFacts {
    /** Bitwise key of metric value vectors plus small discriminators, hash computed once. */
    static final class ValueKey {
        final long[] bits;
        private final int hash;

        ValueKey(int a, int b, int c, double[] v1, double[] v2) {
            int len = 3 + v1.length + (v2 == null ? 0 : v2.length);
            bits = new long[len];
            bits[0] = a;
            bits[1] = b;
            bits[2] = c;
            for (int i = 0; i < v1.length; i++) {
                bits[3 + i] = Double.doubleToRawLongBits(v1[i]);
            }
            if (v2 != null) {
                for (int i = 0; i < v2.length; i++) {
                    bits[3 + v1.length + i] = Double.doubleToRawLongBits(v2[i]);
                }
            }
            hash = Arrays.hashCode(bits);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ValueKey k && k.hash == hash && Arrays.equals(bits, k.bits);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final Instance spec;
    private final boolean ignoreSoft;
    final double[] vOld;
    final Node sec0;
    final double[] vSec0;
    final ValueKey secClass;
    /** Why the node cannot be the primary (policy or capacity), or null. */
    final FailMode priFail;
    final Node np;
    final double[] vNp;
    final ValueKey priClass;
    /** {@link #secondaryKey} and its hash. */
    final long[] secKey;
    final int secKeyHash;

    /** Policy verdicts of one probe, per policy object and exclusive-storage flag (nodes of a group share one). */
    static final class PolicyCache {
        private final java.util.IdentityHashMap<Object, Object> byPolicy = new java.util.IdentityHashMap<>();
        private static final Object OK = new Object();

        FailMode check(Instance probe, Node n) {
            Object key = n.exclStorage ? List.of(n.iPolicy) : n.iPolicy;
            Object v = n.exclStorage ? null : byPolicy.get(key);
            if (v == null) {
                FailMode f = Policy.instMatchesPolicy(probe, n.iPolicy, n.exclStorage);
                v = f == null ? OK : f;
                if (!n.exclStorage) {
                    byPolicy.put(key, v);
                }
            }
            return v == OK ? null : (FailMode) v;
        }
    }

    private PairFacts(Node n, Instance probe, boolean ignoreSoft, PolicyCache policies) {
        this.spec = probe;
        this.ignoreSoft = ignoreSoft;
        vOld = new double[Metrics.COUNT];
        Metrics.nodeValues(n, vOld);
        sec0 = n.addSecNoPeer(probe);
        if (sec0.failed()) {
            vSec0 = null;
        } else {
            vSec0 = new double[Metrics.COUNT];
            Metrics.nodeValues(sec0, vSec0);
        }
        secClass = new ValueKey(n.group, n.offline ? 1 : 0, sec0.failed() ? sec0.fail.ordinal() : -1, vOld, vSec0);
        FailMode pf = policies.check(probe, n);
        Node p = null;
        if (pf == null) {
            p = n.addPriEx(ignoreSoft, probe);
            if (p.failed()) {
                pf = p.fail;
                p = null;
            }
        }
        priFail = pf;
        np = p;
        if (p != null) {
            vNp = new double[Metrics.COUNT];
            Metrics.nodeValues(p, vNp);
            priClass = new ValueKey(n.offline ? 1 : 0, n.instanceMap.isEmpty() ? 0 : 1, 0, vOld, vNp);
        } else {
            vNp = null;
            priClass = null;
        }
        secKey = secondaryKey(n);
        secKeyHash = Arrays.hashCode(secKey);
    }

    /** The raw fields adding a secondary reads (with the metric values, they determine the result's metrics). */
    static long[] secondaryKey(Node n) {
        return new long[] {Double.doubleToRawLongBits(n.tMem), Double.doubleToRawLongBits(n.tDsk),
            Double.doubleToRawLongBits(n.hiSpindles), Double.doubleToRawLongBits(n.instSpindles),
            Double.doubleToRawLongBits(n.instSpindlesForth), n.nMem, n.iMem, n.xMem, n.fDsk, n.fDskForth, n.loDsk,
            n.fSpindles, n.fSpindlesForth, n.tSpindles, n.rMem, n.fMemForth, n.failN1 ? 1 : 0, n.exclStorage ? 1 : 0,
            n.offline ? 1 : 0, Double.doubleToRawLongBits(n.utilLoad[2])};
    }

    /** The facts of {@code n} for {@code probe} (a new instance with location score 0), reused when still valid. */
    static PairFacts of(Node n, Instance probe, boolean ignoreSoft, PolicyCache policies) {
        NodeMemo m = NodeMemo.of(n);
        PairFacts f = m.pair;
        if (f != null && f.ignoreSoft == ignoreSoft && f.spec.sameResources(probe)) {
            return f;
        }
        f = new PairFacts(n, probe, ignoreSoft, policies);
        m.pair = f;
        return f;
    }
}
