package org.garnet.htools.hail;

import java.util.Arrays;

import org.garnet.htools.model.Fmt;

/**
 * The metric of an allocation: the cluster score (normal allocation) or, on dedicated clusters, the lost
 * allocations vector and the remaining disk (Ganeti's lostAllocationsMetric); lower is better.
 */
public record Score(double cv, int[] lost, int disk) implements Comparable<Score> {
    public static Score of(double cv) {
        return new Score(cv, null, 0);
    }

    public boolean lessThan(Score o) {
        return compareTo(o) < 0;
    }

    @Override
    public int compareTo(Score o) {
        if (lost == null) {
            return cv < o.cv ? -1 : cv > o.cv ? 1 : 0;
        }
        int c = Arrays.compare(lost, o.lost);
        return c != 0 ? c : Integer.compare(disk, o.disk);
    }

    /** As Ganeti prints it in solution descriptions ("%.8f", or Haskell's show of the tuple). */
    public String text() {
        if (lost == null) {
            return Fmt.fixed(cv, 8);
        }
        StringBuilder b = new StringBuilder("([");
        for (int k = 0; k < lost.length; k++) {
            if (k > 0) {
                b.append(',');
            }
            b.append(lost[k]);
        }
        return b.append("],").append(disk).append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Score s && compareTo(s) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(cv);
    }
}
