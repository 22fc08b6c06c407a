package org.garnet.htools.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.garnet.htools.algo.AlgOptions;
import org.garnet.htools.algo.Allocator;
import org.garnet.htools.algo.CStats;
import org.garnet.htools.algo.GlobalN1;
import org.garnet.htools.algo.IterAlloc;
import org.garnet.htools.algo.Metrics;
import org.garnet.htools.algo.Table;
import org.garnet.htools.loader.ClusterMerger;
import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.DiskTemplate;
import org.garnet.htools.model.FailMode;
import org.garnet.htools.model.Fmt;
import org.garnet.htools.model.Group;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.ISpec;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.InstanceStatus;
import org.garnet.htools.model.Node;

/** hspace: cluster capacity estimation by tiered and standard allocation. */
public final class Hspace extends HTool {
    public Hspace() {
        super("hspace");
    }

    /** An instance spec: cpu, mem, disk, spindles. */
    record RSpec(int cpu, int mem, int dsk, int spn) {
        static RSpec of(ISpec s) {
            return new RSpec(s.cpuCount(), s.memorySize(), s.diskSize(), s.spindleUse());
        }

        static RSpec of(Instance i) {
            int sp = i.diskSpindles.length == 1 && i.diskSpindles[0] != null ? i.diskSpindles[0] : 0;
            return new RSpec(i.vcpus, i.mem, i.dsk, sp);
        }

        String format(boolean spn) {
            return "MEM " + mem + ", DSK " + dsk + ", CPU " + cpu + (spn ? ", SPN " + this.spn : "");
        }
    }

    static Instance instFromSpec(RSpec s, DiskTemplate dt, int su) {
        return Instance.create("new", s.mem, s.dsk, s.spn, s.cpu, InstanceStatus.RUNNING, List.of(), true, -1, -1, dt,
                su, false);
    }

    static boolean haveExcl(Node[] nl) {
        for (Node n : nl) {
            if (n.exclStorage) {
                return true;
            }
        }
        return false;
    }

    /** Garnet's {@code --explain}: after each allocation mode, why one more instance fits on no node. */
    @Override
    protected OptionSpec spec() {
        return super.spec().withFlag("explain", "explain per node why one more instance does not fit");
    }

    @Override
    protected int main(Options o, PrintStream out, PrintStream err) throws HtoolsException {
        Out w = new Out(out, err);
        try {
            return onBigStack(() -> run(o, w, err));
        } finally {
            w.flush();
        }
    }

    /** A computation that may throw the tool's error. */
    interface Body {
        int call() throws HtoolsException;
    }

    /** Tiered allocation recurses once per shrinking step (as Ganeti does): run it on a thread with a large stack. */
    static int onBigStack(Body body) throws HtoolsException {
        Object[] result = new Object[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = body.call();
            } catch (HtoolsException | RuntimeException | Error e) {
                result[0] = e;
            }
        }, "hspace", 2L << 30);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HtoolsException("interrupted");
        }
        if (result[0] instanceof HtoolsException e) {
            throw e;
        }
        if (result[0] instanceof RuntimeException e) {
            throw e;
        }
        if (result[0] instanceof Error e) {
            throw e;
        }
        return (Integer) result[0];
    }

    private int run(Options o, Out w, PrintStream err) throws HtoolsException {
        ClusterData cd = Cluster.load(o, err);
        Node[] nl = Cluster.setNodeStatus(o, cd.nodes).toArray(new Node[0]);
        List<Instance> il = cd.instances;
        if (cd.ipolicy.diskTemplates().isEmpty()) {
            throw new HtoolsException("null list of disk templates received from cluster");
        }
        DiskTemplate dt = o.diskTemplate != null ? o.diskTemplate : cd.ipolicy.diskTemplates().get(0);
        int reqNodes = dt.requiredNodes();
        String csf = ClusterMerger.commonSuffix(cd.nodes, il);
        int su = o.spindleUse != null ? o.spindleUse : cd.ipolicy.std().spindleUse();
        if (!csf.isEmpty() && o.verbose > 1) {
            w.err("Note: Stripping common suffix of '" + csf + "' from names\n");
        }
        if (o.printNodes != null) {
            w.err("\nInitial cluster status:\n" + Cluster.printNodes(List.of(nl), o.printNodes) + "\n");
        }
        if (o.verbose > 2) {
            w.err("Initial coefficients: overall " + Fmt.fixed(Metrics.compCV(List.of(nl)), 8) + "\n"
                    + Metrics.printStats("  ", List.of(nl)));
        }
        CStats ini = CStats.total(nl);
        boolean excl = haveExcl(nl);
        printCluster(w, o.machineReadable, ini, cd.nodes.size(), excl);

        AlgOptions alg = new AlgOptions();
        alg.capacity = o.capacityChecks;
        alg.acceptExisting = o.acceptExisting;
        List<Node> bad = GroupSplit.badNodes(List.of(nl));
        List<Integer> badGroups = null;
        if (o.verbose > 3 || o.independentGroups) {
            badGroups = new ArrayList<>();
            for (Group g : cd.groups) {
                int[] scope = java.util.Arrays.stream(nl).filter(n -> n.group == g.idx).mapToInt(n -> n.idx).toArray();
                if (!GlobalN1.redundant(alg, nl, il, scope)) {
                    badGroups.add(g.idx);
                }
            }
        }
        if (o.verbose > 3 && !bad.isEmpty()) {
            w.err("Bad nodes: " + bad.stream().map(n -> org.garnet.htools.loader.Hs.showString(n.name))
                    .collect(Collectors.joining(",", "[", "]")) + "\n");
        }
        if (o.verbose > 3 && !badGroups.isEmpty()) {
            w.err("Bad groups: " + badGroups.stream().map(g -> org.garnet.htools.loader.Hs.showString(
                    cd.groups.get(g).name)).collect(Collectors.joining(",", "[", "]")) + "\n");
        }
        List<Group> gl = new ArrayList<>();
        for (Group g : cd.groups) {
            gl.add(g.copy());
        }
        if (!o.acceptExisting) {
            for (Node n : bad) {
                gl.get(n.group).allocPolicy = org.garnet.htools.model.AllocPolicy.UNALLOCABLE;
            }
        }
        AlgOptions alg2 = alg;
        if (o.independentGroups) {
            for (int g : badGroups) {
                gl.get(g).allocPolicy = org.garnet.htools.model.AllocPolicy.UNALLOCABLE;
            }
            alg2 = alg.copy();
            alg2.capacityIgnoreGroups = new java.util.HashSet<>(badGroups);
        }
        boolean remaining = gl.stream().anyMatch(Group::isAllocable);
        boolean stop = !(o.acceptExisting || (o.independentGroups && remaining) || bad.isEmpty());
        Integer limit = o.maxLength == -1 ? null : o.maxLength;
        Allocator.AllocNodes an = Allocator.genAllocNodes(gl, nl, null, reqNodes, true);
        if (o.verbose > 3) {
            w.err("Allocatable nodes: " + showAllocNodes(an, o.simulate.isEmpty() ? 0 : 1) + "\n");
        }
        List<RSpec> tspecs = new ArrayList<>();
        if (o.tieredSpec != null) {
            tspecs.add(new RSpec(o.tieredSpec[2], o.tieredSpec[1], o.tieredSpec[0], o.tieredSpec[3]));
        } else {
            cd.ipolicy.minMax().forEach(m -> tspecs.add(RSpec.of(m.max())));
        }
        if (tspecs.isEmpty()) {
            throw new HtoolsException("Empty list of specs received from the cluster");
        }
        IterAlloc.Result tres;
        if (stop) {
            tres = stopped(nl, il);
        } else {
            try {
                tres = IterAlloc.Result.start(nl, il);
                for (RSpec ts : tspecs) {
                    int cnt = tres.allocated.size();
                    if (limit != null && limit <= cnt) {
                        continue;
                    }
                    tres = IterAlloc.tieredAlloc(alg2, tres.nl, tres.il, limit == null ? null : limit - cnt,
                            instFromSpec(ts, dt, su), an, tres.allocated);
                }
            } catch (Allocator.AllocException e) {
                throw new HtoolsException("failure during allocation: " + e.getMessage());
            }
        }
        List<FailMode> treason = finish(w, o, cd, tres, tspecs.get(0), dt, "Tiered");
        printTiered(w, o.machineReadable, specMap(tres.allocated), nl, tres.nl, tres.failStats, treason);
        if (o.raw.has("explain") && !stop) {
            Instance last = tres.allocated.isEmpty() ? instFromSpec(tspecs.get(tspecs.size() - 1), dt, su)
                    : tres.allocated.get(tres.allocated.size() - 1);
            w.err(org.garnet.htools.hail.Explain.forSpec(alg2, cd, tres.nl, tres.il, last, reqNodes,
                    "one more instance after the tiered allocation"));
        }

        RSpec ispec = o.stdSpec != null ? new RSpec(o.stdSpec[2], o.stdSpec[1], o.stdSpec[0], o.stdSpec[3])
                : RSpec.of(cd.ipolicy.std());
        IterAlloc.Result sres;
        if (stop) {
            sres = stopped(nl, il);
        } else {
            try {
                sres = IterAlloc.iterateAlloc(alg2, nl, il, limit, instFromSpec(ispec, dt, su), an,
                        new ArrayList<>());
            } catch (Allocator.AllocException e) {
                throw new HtoolsException("failure during allocation: " + e.getMessage());
            }
        }
        List<FailMode> sreason = finish(w, o, cd, sres, ispec, dt, "Standard");
        printResults(w, o.machineReadable, nl, sres.nl, il.size(), sres.allocated.size(), sres.failStats, sreason);
        if (o.raw.has("explain") && !stop) {
            w.err(org.garnet.htools.hail.Explain.forSpec(alg2, cd, sres.nl, sres.il, instFromSpec(ispec, dt, su),
                    reqNodes, "one more instance after the standard allocation"));
        }
        if (o.machineReadable) {
            w.out("HTS_OK=1\n");
        }
        w.flush();
        return 0;
    }

    private static IterAlloc.Result stopped(Node[] nl, List<Instance> il) {
        IterAlloc.Result r = IterAlloc.Result.start(nl, il);
        r.failStats = new int[] {-1, -1, -1, 1, -1, -1, -1, -1, -1};
        return r;
    }

    /** Ganeti's show of the allocation nodes; simulated clusters number their nodes from 1 there. */
    private static String showAllocNodes(Allocator.AllocNodes an, int base) {
        if (an.singles != null) {
            return "Left " + java.util.Arrays.stream(an.singles).mapToObj(i -> Integer.toString(i + base))
                    .collect(Collectors.joining(",", "[", "]"));
        }
        return "Right " + java.util.Arrays.stream(an.pairs).map(p -> "(" + (p[0] + base) + ","
                + java.util.Arrays.stream(p, 1, p.length).mapToObj(i -> Integer.toString(i + base))
                        .collect(Collectors.joining(",", "[", "]")) + ")").collect(Collectors.joining(",", "[", "]"));
    }

    /** Failure modes with counts, by descending count (stable); a negative count marks "not present". */
    static List<FailMode> sortReasons(int[] fs) {
        List<FailMode> l = new ArrayList<>();
        for (FailMode f : FailMode.values()) {
            if (fs[f.ordinal()] >= 0) {
                l.add(f);
            }
        }
        l.sort((a, b) -> Integer.compare(fs[b.ordinal()], fs[a.ordinal()]));
        return l;
    }

    private List<FailMode> finish(Out w, Options o, ClusterData cd, IterAlloc.Result r, RSpec spec, DiskTemplate dt,
            String name) throws HtoolsException {
        boolean excl = haveExcl(r.nl);
        String descr = name + " allocation";
        if (o.machineReadable) {
            String p = name.equals("Tiered") ? "TSPEC_INI" : "SPEC";
            w.out(p + "_MEM=" + spec.mem + "\n" + p + "_DSK=" + spec.dsk + "\n" + p + "_CPU=" + spec.cpu + "\n" + p
                    + "_SPN=" + spec.spn + "\n", "HTS_");
            w.out("HTS_" + p + "_RQN=" + dt.requiredNodes() + "\n");
            w.out("HTS_" + p + "_DISK_TEMPLATE=" + Cluster.quote(dt.raw) + "\n");
        } else {
            w.out((name.equals("Tiered") ? "Tiered (initial size)" : "Standard (fixed-size)")
                    + " instance spec is:\n  " + spec.format(excl) + ", using disk template '" + dt.raw + "'.\n");
        }
        if (o.verbose > 1) {
            List<String[]> rows = new ArrayList<>();
            for (Instance i : r.allocated) {
                Integer sp = i.totalSpindles();
                rows.add(new String[] {i.name, r.nl[i.pNode].name, i.sNode < 0 ? "" : r.nl[i.sNode].name,
                    Integer.toString(i.mem), Integer.toString(i.dsk), Integer.toString(i.vcpus),
                    excl ? (sp == null ? "?" : sp.toString()) : ""});
            }
            StringBuilder b = new StringBuilder(descr + " map\n");
            for (String[] row : Table.format(rows, new boolean[] {false, false, false, true, true, true, true})) {
                b.append(' ').append(String.join(" ", row)).append('\n');
            }
            w.err(b.toString());
        }
        if (o.printNodes != null) {
            w.err("\n" + descr + " status:\n" + Cluster.printNodes(List.of(r.nl), o.printNodes) + "\n");
        }
        if (o.saveCluster != null) {
            w.flush();
            Cluster.maybeSave(o.saveCluster, name.toLowerCase(), "after " + descr.toLowerCase(),
                    cd.withState(List.of(r.nl), r.il), w.err);
        }
        return sortReasons(r.failStats);
    }

    static List<Object[]> specMap(List<Instance> allocated) {
        List<Object[]> r = new ArrayList<>();
        for (Instance i : allocated) {
            RSpec s = RSpec.of(i);
            if (!r.isEmpty() && r.get(r.size() - 1)[0].equals(s)) {
                r.get(r.size() - 1)[1] = (Integer) r.get(r.size() - 1)[1] + 1;
            } else {
                r.add(new Object[] {s, 1});
            }
        }
        return r;
    }

    private static void printCluster(Out w, boolean machine, CStats cs, int nodes, boolean spn) {
        if (machine) {
            w.out("HTS_CLUSTER_MEM=" + Fmt.fixed(cs.tmem, 0) + "\nHTS_CLUSTER_DSK=" + Fmt.fixed(cs.tdsk, 0)
                    + "\nHTS_CLUSTER_CPU=" + Fmt.fixed(cs.tcpu, 0) + "\nHTS_CLUSTER_VCPU=" + cs.vcpu
                    + "\nHTS_CLUSTER_SPN=" + Fmt.fixed(cs.tspn, 0) + "\nHTS_CLUSTER_NODES=" + nodes + "\n");
            printStats(w, "INI", cs);
        } else {
            w.out("The cluster has " + nodes + " nodes and the following resources:\n  MEM " + Fmt.fixed(cs.tmem, 0)
                    + ", DSK " + Fmt.fixed(cs.tdsk, 0) + ", CPU " + Fmt.fixed(cs.tcpu, 0) + ", VCPU " + cs.vcpu
                    + (spn ? ", SPN " + Fmt.fixed(cs.tspn, 0) : "") + ".\n");
            w.out("There are " + (cs.ninst > 0 ? Integer.toString(cs.ninst) : "no")
                    + " initial instances on the cluster.\n");
        }
    }

    private static void printStats(Out w, String kind, CStats cs) {
        String[][] kv = {{"SCORE", Fmt.fixed(cs.score, 8)}, {"INST_CNT", "" + cs.ninst}, {"MEM_FREE", "" + cs.fmem},
            {"MEM_AVAIL", "" + cs.amem}, {"MEM_RESVD", "" + (cs.fmem - cs.amem)}, {"MEM_INST", "" + cs.imem},
            {"MEM_OVERHEAD", "" + (cs.xmem + cs.nmem)}, {"MEM_EFF", Fmt.fixed(cs.memEff(), 8)},
            {"DSK_FREE", "" + cs.fdsk}, {"DSK_AVAIL", "" + cs.adsk}, {"DSK_RESVD", "" + (cs.fdsk - cs.adsk)},
            {"DSK_INST", "" + cs.idsk}, {"DSK_EFF", Fmt.fixed(cs.dskEff(), 8)}, {"SPN_FREE", "" + cs.fspn},
            {"SPN_INST", "" + cs.ispn}, {"SPN_EFF", Fmt.fixed(cs.spnEff(), 8)}, {"CPU_INST", "" + cs.icpu},
            {"CPU_EFF", Fmt.fixed(cs.cpuEff(), 8)}, {"MNODE_MEM_AVAIL", "" + cs.mmem},
            {"MNODE_DSK_AVAIL", "" + cs.mdsk}};
        for (String[] p : kv) {
            w.out("HTS_" + kind + "_" + p[0] + "=" + Cluster.quote(p[1]) + "\n");
        }
    }

    private static void printFRScores(Out w, Node[] ini, Node[] fin, List<FailMode> reasons) {
        w.out("  - most likely failure reason: " + reasons.get(0) + "\n");
        w.out("  - initial cluster score: " + Fmt.fixed(Metrics.compCV(List.of(ini)), 8) + "\n");
        w.out("  -   final cluster score: " + Fmt.fixed(Metrics.compCV(List.of(fin)), 8) + "\n");
        CStats cs = CStats.total(fin);
        boolean spn = haveExcl(fin);
        int len = spn ? 8 : 6;
        w.out("  - " + Fmt.pad("memory", len) + " usage efficiency: " + Fmt.fixed(cs.memEff() * 100, 5, 2) + "%\n");
        w.out("  - " + Fmt.pad("disk", len) + " usage efficiency: " + Fmt.fixed(cs.dskEff() * 100, 5, 2) + "%\n");
        w.out("  - " + Fmt.pad("vcpu", len) + " usage efficiency: " + Fmt.fixed(cs.cpuEff() * 100, 5, 2) + "%\n");
        if (spn) {
            w.out("  - spindles usage efficiency: " + Fmt.fixed(cs.spnEff() * 100, 5, 2) + "%\n");
        }
    }

    private static void printTiered(Out w, boolean machine, List<Object[]> specMap, Node[] ini, Node[] fin,
            int[] fs, List<FailMode> reasons) {
        if (machine) {
            printStats(w, "TRL", CStats.total(fin));
            w.out("HTS_TSPEC=" + Cluster.quote(specMap.stream().map(e -> {
                RSpec s = (RSpec) e[0];
                return s.mem + "," + s.dsk + "," + s.cpu + "," + s.spn + "=" + e[1];
            }).collect(Collectors.joining(" "))) + "\n");
            CStats a = CStats.total(ini);
            CStats b = CStats.total(fin);
            printKm(w, "USED", a.icpu, a.ncpu, a.imem, a.idsk, a.ispn);
            printKm(w, "POOL", b.icpu - a.icpu, b.ncpu - a.ncpu, b.imem - a.imem, b.idsk - a.idsk, b.ispn - a.ispn);
            printKm(w, "UNAV", b.vcpu - b.icpu, b.tcpu - b.ncpu, (long) b.tmem - b.imem, (long) b.tdsk - b.idsk,
                    (long) b.tspn - b.ispn);
        } else {
            w.out("Tiered allocation results:\n");
            boolean spn = haveExcl(ini);
            if (specMap.isEmpty()) {
                w.out("  - no instances allocated\n");
            }
            for (Object[] e : specMap) {
                w.out("  - " + Fmt.pad((Integer) e[1], 3) + " instances of spec " + ((RSpec) e[0]).format(spn) + "\n");
            }
            printFRScores(w, ini, fin, reasons);
        }
    }

    private static void printKm(Out w, String s, long cpu, double npu, long mem, long dsk, long spn) {
        w.out("HTS_KM_" + s + "_CPU=" + cpu + "\nHTS_KM_" + s + "_NPU=" + Cluster.quote(Fmt.showDouble(npu))
                + "\nHTS_KM_" + s + "_MEM=" + mem + "\nHTS_KM_" + s + "_DSK=" + dsk + "\nHTS_KM_" + s + "_SPN=" + spn
                + "\n");
    }

    private static void printResults(Out w, boolean machine, Node[] ini, Node[] fin, int numInst, int allocs, int[] fs,
            List<FailMode> reasons) throws HtoolsException {
        if (machine) {
            CStats cs = CStats.total(fin);
            if (numInst + allocs != cs.ninst) {
                throw new HtoolsException("internal inconsistency, allocated (" + (numInst + allocs)
                        + ") != counted (" + cs.ninst + ")\n");
            }
            printStats(w, "FIN", cs);
            w.out("HTS_ALLOC_USAGE=" + Fmt.fixed((double) numInst / (numInst + allocs), 8) + "\n");
            w.out("HTS_ALLOC_INSTANCES=" + allocs + "\n");
            w.out("HTS_ALLOC_FAIL_REASON=" + reasons.get(0).name().toUpperCase() + "\n");
            for (FailMode f : reasons) {
                w.out("HTS_ALLOC_" + f.name().toUpperCase() + "_CNT=" + fs[f.ordinal()] + "\n");
            }
        } else {
            w.out("Normal (fixed-size) allocation results:\n");
            w.out("  - " + Fmt.pad(allocs, 3) + " instances allocated\n");
            printFRScores(w, ini, fin, reasons);
        }
    }

    /** Buffered stdout/stderr writer (stdout flushed before stderr writes, like a line-buffered terminal). */
    static final class Out {
        final PrintStream out;
        final PrintStream err;
        private final StringBuilder buf = new StringBuilder();

        Out(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        void out(String s) {
            buf.append(s);
        }

        void out(String s, String prefix) {
            for (String line : s.split("\n")) {
                buf.append(prefix).append(line).append('\n');
            }
        }

        void err(String s) {
            flush();
            err.print(s);
            err.flush();
        }

        void flush() {
            out.print(buf);
            out.flush();
            buf.setLength(0);
        }
    }
}
