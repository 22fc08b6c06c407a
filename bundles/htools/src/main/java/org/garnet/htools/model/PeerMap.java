package org.garnet.htools.model;

import java.util.Arrays;

/** Immutable map from primary node index to the memory its DRBD instances need on this node, sorted by key. */
public final class PeerMap {
    public static final PeerMap EMPTY = new PeerMap(new int[0], new int[0]);
    private final int[] keys;
    private final int[] vals;

    private PeerMap(int[] keys, int[] vals) {
        this.keys = keys;
        this.vals = vals;
    }

    public int find(int k) {
        int i = Arrays.binarySearch(keys, k);
        return i >= 0 ? vals[i] : 0;
    }

    public PeerMap add(int k, int v) {
        int i = Arrays.binarySearch(keys, k);
        if (i >= 0) {
            int[] nv = vals.clone();
            nv[i] = v;
            return new PeerMap(keys, nv);
        }
        int ins = -i - 1;
        int[] nk = new int[keys.length + 1];
        int[] nv = new int[keys.length + 1];
        System.arraycopy(keys, 0, nk, 0, ins);
        System.arraycopy(vals, 0, nv, 0, ins);
        nk[ins] = k;
        nv[ins] = v;
        System.arraycopy(keys, ins, nk, ins + 1, keys.length - ins);
        System.arraycopy(vals, ins, nv, ins + 1, keys.length - ins);
        return new PeerMap(nk, nv);
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
        System.arraycopy(keys, 0, nk, 0, i);
        System.arraycopy(vals, 0, nv, 0, i);
        System.arraycopy(keys, i + 1, nk, i, keys.length - i - 1);
        System.arraycopy(vals, i + 1, nv, i, keys.length - i - 1);
        return new PeerMap(nk, nv);
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

    /** Haskell show of the association list: [(1,512),(3,1024)]. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('(').append(keys[i]).append(',').append(vals[i]).append(')');
        }
        return b.append(']').toString();
    }
}
