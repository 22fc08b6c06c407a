package org.garnet.htools.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An instance. Treated as a value during the algorithms: modify only fresh {@link #copy()}s.
 * {@code idx} is its position in {@link ClusterData#instances}; node references are node indices (-1: none).
 */
public final class Instance {
    public String name;
    public String alias;
    public int mem;
    public int dsk;
    /** Per-disk sizes and spindles (null = unknown spindles). */
    public int[] diskSizes;
    public Integer[] diskSpindles;
    public int vcpus;
    public InstanceStatus runSt;
    public int pNode;
    public int sNode = -1;
    public int idx = -1;
    /** Dynamic utilisation: cpu, mem, disk, net. */
    public double[] util = {1, 1, 1, 1};
    public boolean movable;
    public boolean autoBalance;
    public DiskTemplate diskTemplate;
    public int spindleUse;
    public List<String> allTags;
    public List<String> exclTags = new ArrayList<>();
    public Set<String> dsrdLocTags = new TreeSet<>();
    public int locationScore;
    public boolean forthcoming;

    public Instance copy() {
        Instance i = new Instance();
        i.name = name;
        i.alias = alias;
        i.mem = mem;
        i.dsk = dsk;
        i.diskSizes = diskSizes;
        i.diskSpindles = diskSpindles;
        i.vcpus = vcpus;
        i.runSt = runSt;
        i.pNode = pNode;
        i.sNode = sNode;
        i.idx = idx;
        i.util = util;
        i.movable = movable;
        i.autoBalance = autoBalance;
        i.diskTemplate = diskTemplate;
        i.spindleUse = spindleUse;
        i.allTags = allTags;
        i.exclTags = exclTags;
        i.dsrdLocTags = dsrdLocTags;
        i.locationScore = locationScore;
        i.forthcoming = forthcoming;
        return i;
    }

    /**
     * Whether {@code o} asks the same of a node as this instance: equal in everything but name, index and nodes
     * (what adding it to a node reads).
     */
    public boolean sameResources(Instance o) {
        return o == this || (mem == o.mem && dsk == o.dsk && vcpus == o.vcpus && runSt == o.runSt
                && autoBalance == o.autoBalance && movable == o.movable && diskTemplate == o.diskTemplate
                && spindleUse == o.spindleUse && locationScore == o.locationScore && forthcoming == o.forthcoming
                && java.util.Arrays.equals(diskSizes, o.diskSizes)
                && java.util.Arrays.equals(diskSpindles, o.diskSpindles) && java.util.Arrays.equals(util, o.util)
                && java.util.Objects.equals(allTags, o.allTags) && java.util.Objects.equals(exclTags, o.exclTags)
                && java.util.Objects.equals(dsrdLocTags, o.dsrdLocTags));
    }

    public Instance withSecondary(int sdx) {
        Instance i = copy();
        i.sNode = sdx;
        return i;
    }

    public static Instance create(String name, int mem, int dsk, Integer spindles, int vcpus, InstanceStatus st,
            List<String> tags, boolean autoBalance, int pNode, int sNode, DiskTemplate dt, int spindleUse,
            boolean forthcoming) {
        Instance i = new Instance();
        i.name = name;
        i.alias = name;
        i.mem = mem;
        i.dsk = dsk;
        i.diskSizes = new int[] {dsk};
        i.diskSpindles = new Integer[] {spindles};
        i.vcpus = vcpus;
        i.runSt = st;
        i.allTags = tags;
        i.autoBalance = autoBalance;
        i.pNode = pNode;
        i.sNode = sNode;
        i.diskTemplate = dt;
        i.spindleUse = spindleUse;
        i.movable = dt.supportsMoves();
        i.forthcoming = forthcoming;
        return i;
    }

    public boolean isRunning() {
        return runSt == InstanceStatus.RUNNING || runSt == InstanceStatus.ERROR_UP;
    }

    public boolean isOffline() {
        return runSt == InstanceStatus.ADMIN_OFFLINE;
    }

    public boolean notOffline() {
        return !isOffline();
    }

    public boolean usesSecMem() {
        return notOffline() && autoBalance;
    }

    public boolean usesMemory() {
        return !forthcoming && runSt.usesMemory;
    }

    public boolean usesLocalStorage() {
        return diskTemplate.usesLocalStorage();
    }

    public boolean hasSecondary() {
        return diskTemplate == DiskTemplate.DRBD;
    }

    /** Sum of the disks' spindles, or null when any is unknown. */
    public Integer totalSpindles() {
        int s = 0;
        for (Integer sp : diskSpindles) {
            if (sp == null) {
                return null;
            }
            s += sp;
        }
        return s;
    }

    public int[] allNodes() {
        return diskTemplate == DiskTemplate.DRBD ? new int[] {pNode, sNode} : new int[] {pNode};
    }
}
