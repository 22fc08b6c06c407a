package org.garnet.htools.model;

import java.util.Arrays;

/** Immutable list of indices where adding puts the new element first (like Haskell's cons). */
public final class IdxList {
    public static final IdxList EMPTY = new IdxList(new int[0]);
    /** Elements in reverse logical order (the newest last). */
    private final int[] rev;

    private IdxList(int[] rev) {
        this.rev = rev;
    }

    public int size() {
        return rev.length;
    }

    /** Element at logical position i (0 = most recently added). */
    public int get(int i) {
        return rev[rev.length - 1 - i];
    }

    public IdxList cons(int v) {
        int[] n = Arrays.copyOf(rev, rev.length + 1);
        n[rev.length] = v;
        return new IdxList(n);
    }

    /** Removes the first occurrence in logical order. */
    public IdxList delete(int v) {
        for (int i = rev.length - 1; i >= 0; i--) {
            if (rev[i] == v) {
                int[] n = new int[rev.length - 1];
                System.arraycopy(rev, 0, n, 0, i);
                System.arraycopy(rev, i + 1, n, i, rev.length - i - 1);
                return new IdxList(n);
            }
        }
        return this;
    }

    public IdxList map(java.util.function.IntUnaryOperator f) {
        int[] n = new int[rev.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = f.applyAsInt(rev[i]);
        }
        return new IdxList(n);
    }

    public int[] toArray() {
        int[] a = new int[rev.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = get(i);
        }
        return a;
    }

    /** Haskell show: [1,2,3]. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < rev.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(get(i));
        }
        return b.append(']').toString();
    }
}
