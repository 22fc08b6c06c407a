package org.garnet.htools.algo;

import java.util.HashSet;
import java.util.Set;

/** Algorithm switches (Ganeti's AlgorithmOptions), the subset the allocation code needs. */
public final class AlgOptions {
    public boolean ignoreSoftErrors;
    public boolean capacity = true;
    public boolean acceptExisting;
    public Set<Integer> capacityIgnoreGroups = new HashSet<>();

    public AlgOptions copy() {
        AlgOptions o = new AlgOptions();
        o.ignoreSoftErrors = ignoreSoftErrors;
        o.capacity = capacity;
        o.acceptExisting = acceptExisting;
        o.capacityIgnoreGroups = capacityIgnoreGroups;
        return o;
    }

    public AlgOptions withCapacity(boolean c) {
        AlgOptions o = copy();
        o.capacity = c;
        return o;
    }
}
