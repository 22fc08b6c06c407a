package org.garnet.htools.model;

import java.util.Arrays;

/**
 * Immutable map from primary node index to the memory its DRBD instances need on this node, sorted by key. Each
 * entry also records when it was last set: Ganeti keeps the map as a list ordered by memory, largest first, an
 * entry set later going before equal ones; that order is what {@link #toString} shows.
 */
public final class PeerMap {
    public static final PeerMap EMPTY = new PeerMap(new int[0], new int[0], new long[0]);
    private static final java.util.concurrent.atomic.AtomicLong CLOCK = new java.util.concurrent.atomic.AtomicLong();
    private final int[] keys;
    private final int[] vals;
    private final long[] stamps;

    private PeerMap(int[] keys, int[] vals, long[] stamps) {
        this.keys = keys;
        this.vals = vals;
        this.stamps = stamps;
    }

    public int find(int k) {
        int i = Arrays.binarySearch(keys, k);
        return i >= 0 ? vals[i] : 0;
    }

    public PeerMap add(int k, int v) {
        int i = Arrays.binarySearch(keys, k);
        long now = CLOCK.incrementAndGet();
        if (i >= 0) {
            int[] nv = vals.clone();
            long[] ns = stamps.clone();
            nv[i] = v;
            ns[i] = now;
            return new PeerMap(keys, nv, ns);
        }
        int ins = -i - 1;
        int[] nk = new int[keys.length + 1];
        int[] nv = new int[keys.length + 1];
        long[] ns = new long[keys.length + 1];
        System.arraycopy(keys, 0, nk, 0, ins);
        System.arraycopy(vals, 0, nv, 0, ins);
        System.arraycopy(stamps, 0, ns, 0, ins);
        nk[ins] = k;
        nv[ins] = v;
        ns[ins] = now;
        System.arraycopy(keys, ins, nk, ins + 1, keys.length - ins);
        System.arraycopy(vals, ins, nv, ins + 1, keys.length - ins);
        System.arraycopy(stamps, ins, ns, ins + 1, keys.length - ins);
        return new PeerMap(nk, nv, ns);
    }

    public PeerMap addWith(int k, int v) {
        return add(k, find(k) + v);
    }

    public PeerMap remove(int k) {
        int i = Arrays.binarySearch(keys, k);
        if (i < 0) {
            return this;
        }
        int[] nk = new int[keys.length - 1];
        int[] nv = new int[keys.length - 1];
        long[] ns = new long[keys.length - 1];
        System.arraycopy(keys, 0, nk, 0, i);
        System.arraycopy(vals, 0, nv, 0, i);
        System.arraycopy(stamps, 0, ns, 0, i);
        System.arraycopy(keys, i + 1, nk, i, keys.length - i - 1);
        System.arraycopy(vals, i + 1, nv, i, keys.length - i - 1);
        System.arraycopy(stamps, i + 1, ns, i, keys.length - i - 1);
        return new PeerMap(nk, nv, ns);
    }

    public int maxElem() {
        int m = 0;
        for (int v : vals) {
            m = Math.max(m, v);
        }
        return m;
    }

    public long sumElems() {
        long s = 0;
        for (int v : vals) {
            s += v;
        }
        return s;
    }

    /** Haskell show of Ganeti's association list, in its order: [(3,1024),(1,512)]. */
    @Override
    public String toString() {
        Integer[] order = new Integer[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> vals[a] != vals[b] ? Integer.compare(vals[b], vals[a])
                : Long.compare(stamps[b], stamps[a]));
        StringBuilder b = new StringBuilder("[");
        for (int j = 0; j < order.length; j++) {
            int i = order[j];
            if (j > 0) {
                b.append(',');
            }
            b.append('(').append(keys[i]).append(',').append(vals[i]).append(')');
        }
        return b.append(']').toString();
    }
}
