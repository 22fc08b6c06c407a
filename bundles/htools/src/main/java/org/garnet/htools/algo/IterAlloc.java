package org.garnet.htools.algo;

import java.util.ArrayList;
import java.util.List;

import org.garnet.htools.model.DiskTemplate;
import org.garnet.htools.model.FailMode;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/** Repeated allocation of one spec (Ganeti's iterateAlloc) and tiered allocation with shrinking (tieredAlloc). */
public final class IterAlloc {
    private IterAlloc() {
    }

    /** State of an allocation run: failure counts, nodes, instances, and the allocated instances (newest last). */
    public static final class Result {
        public int[] failStats = new int[FailMode.values().length];
        public Node[] nl;
        public List<Instance> il;
        public List<Instance> allocated;

        Result(int[] fs, Node[] nl, List<Instance> il, List<Instance> allocated) {
            this.failStats = fs;
            this.nl = nl;
            this.il = il;
            this.allocated = allocated;
        }

        public static Result start(Node[] nl, List<Instance> il) {
            return new Result(new int[FailMode.values().length], nl, il, new ArrayList<>());
        }
    }

    static int[] collapse(List<FailMode> f) {
        int[] r = new int[FailMode.values().length];
        for (FailMode m : f) {
            r[m.ordinal()]++;
        }
        return r;
    }

    private static Result smallStep(AlgOptions opts, Node[] nl, List<Instance> il, Integer limit, Instance newinst,
            Allocator.AllocNodes an, List<Instance> ixes) throws Allocator.AllocException {
        il = new ArrayList<>(il);
        ixes = new ArrayList<>(ixes);
        AlgOptions o2 = newinst.diskTemplate == DiskTemplate.DRBD ? opts.withCapacity(false) : opts;
        while (true) {
            Instance ni = newinst.copy();
            ni.name = "new-" + ixes.size();
            ni.alias = ni.name;
            ni.idx = il.size();
            Allocator.Solution sol = Allocator.tryAlloc(o2, nl, null, il, ni, an);
            if (sol.best == null || (limit != null && limit == 0)) {
                return new Result(sol.failCount.clone(), nl, il, ixes);
            }
            nl = sol.best.apply(nl);
            il.add(sol.best.inst);
            ixes.add(sol.best.inst);
            if (limit != null) {
                limit = limit - 1;
            }
        }
    }

    static int guessBigstepSize(Node[] nl, Instance inst) {
        long total = 0;
        for (Node n : nl) {
            total += n.availMem();
        }
        long guess = total / inst.mem - nl.length;
        return (int) Math.max(20, guess);
    }

    public static Result iterateAlloc(AlgOptions opts, Node[] nl, List<Instance> il, Integer limit,
            Instance newinst, Allocator.AllocNodes an, List<Instance> ixes) throws Allocator.AllocException {
        return iterate(true, opts, nl, il, limit, newinst, an, ixes);
    }

    private static Result iterate(boolean huge, AlgOptions opts, Node[] nl, List<Instance> il, Integer limit,
            Instance newinst, Allocator.AllocNodes an, List<Instance> ixes) throws Allocator.AllocException {
        while (true) {
            if (!opts.capacity) {
                return smallStep(opts, nl, il, limit, newinst, an, ixes);
            }
            int big = huge ? guessBigstepSize(nl, newinst) : 10;
            Integer lim1 = limit == null ? big : Math.min(big, limit);
            Integer newLimit = limit == null ? null : Math.max(0, limit - big);
            Result res = null;
            try {
                res = smallStep(opts.withCapacity(false), nl, il, lim1, newinst, an, ixes);
            } catch (Allocator.AllocException e) {
                res = null;
            }
            if (res != null && GlobalN1.redundant(opts, res.nl, res.il, null)) {
                if ((newLimit != null && newLimit == 0) || res.allocated.size() == ixes.size()) {
                    return res;
                }
                nl = res.nl;
                il = res.il;
                limit = newLimit;
                ixes = res.allocated;
                continue;
            }
            if (huge) {
                huge = false;
                continue;
            }
            return smallStep(opts, nl, il, limit, newinst, an, ixes);
        }
    }

    /** Shrinks the instance along a failure mode, or returns null when it cannot shrink further. */
    public static Instance shrinkByType(Instance inst, FailMode f) {
        Instance r = inst.copy();
        switch (f) {
            case FailMem -> {
                int v = inst.mem - 64;
                if (v < 64) {
                    return null;
                }
                r.mem = v;
            }
            case FailDisk -> {
                int[] nd = new int[inst.diskSizes.length];
                for (int k = 0; k < nd.length; k++) {
                    nd[k] = inst.diskSizes[k] - 256;
                    if (nd[k] < 256) {
                        return null;
                    }
                }
                r.diskSizes = nd;
                r.dsk = inst.dsk - nd.length * 256;
            }
            case FailCPU -> {
                int v = inst.vcpus - 1;
                if (v < 1) {
                    return null;
                }
                r.vcpus = v;
            }
            case FailSpindles -> {
                if (inst.diskSpindles.length != 1 || inst.diskSpindles[0] == null) {
                    return null;
                }
                int v = inst.diskSpindles[0] - 1;
                if (v < 1) {
                    return null;
                }
                r.diskSpindles = new Integer[] {v};
            }
            default -> {
                return null;
            }
        }
        return r;
    }

    /**
     * Whether {@code inst} can be placed, and the failure counts when it cannot: what Ganeti's tryAlloc answers
     * there, except that the solution's {@code best} is only some acceptable placement. With the capacity check on,
     * the best placement without it is checked first; only when that one breaks global N+1 redundancy are all
     * candidates checked.
     */
    static Allocator.Solution allocatable(AlgOptions opts, Node[] nl, List<Instance> il, Instance inst,
            Allocator.AllocNodes an) throws Allocator.AllocException {
        if (!opts.capacity) {
            return Allocator.tryAlloc(opts, nl, null, il, inst, an);
        }
        Allocator.Solution free = Allocator.tryAlloc(opts.withCapacity(false), nl, null, il, inst, an);
        if (free.best == null || Allocator.capacityCheck(opts, nl, null, il).ok(free.best)) {
            return free;
        }
        return Allocator.tryAlloc(opts, nl, null, il, inst, an);
    }

    private static Instance sufficesShrinking(AlgOptions opts, Node[] nl, List<Instance> il, Allocator.AllocNodes an,
            Instance inst, FailMode fm) {
        Instance x = inst;
        while (x != null) {
            Allocator.Solution sol;
            try {
                sol = allocatable(opts, nl, il, x, an);
            } catch (Allocator.AllocException e) {
                sol = new Allocator.Solution();
            }
            if (sol.best != null) {
                return x;
            }
            if (sol.failCount[fm.ordinal()] == 0) {
                return null;
            }
            x = shrinkByType(x, fm);
        }
        return null;
    }

    /** Failure modes sorted by ascending count (stable). */
    static List<FailMode> sortedErrs(int[] fs) {
        List<FailMode> l = new ArrayList<>(List.of(FailMode.values()));
        l.sort((a, b) -> Integer.compare(fs[a.ordinal()], fs[b.ordinal()]));
        return l;
    }

    public static Result tieredAlloc(AlgOptions opts, Node[] nl, List<Instance> il, Integer limit, Instance newinst,
            Allocator.AllocNodes an, List<Instance> ixes) throws Allocator.AllocException {
        Result r = iterateAlloc(opts, nl, il, limit, newinst, an, ixes);
        int cnt = r.allocated.size();
        boolean stop = limit != null && limit <= cnt;
        Integer newLimit = limit == null ? null : limit - cnt;
        if (stop) {
            return r;
        }
        List<FailMode> sorted = sortedErrs(r.failStats);
        Instance shrunk = shrinkByType(newinst, sorted.get(sorted.size() - 1));
        Result next = r;
        if (shrunk != null) {
            next = tieredAlloc(opts, r.nl, r.il, newLimit, shrunk, an, r.allocated);
        }
        if (next.il.size() > r.il.size()) {
            return next;
        }
        for (int k = sorted.size() - 1; k >= 0; k--) {
            Instance big = sufficesShrinking(opts, r.nl, r.il, an, newinst, sorted.get(k));
            if (big != null) {
                return tieredAlloc(opts, r.nl, r.il, newLimit, big, an, r.allocated);
            }
        }
        return r;
    }
}
