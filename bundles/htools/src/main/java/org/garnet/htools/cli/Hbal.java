package org.garnet.htools.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.garnet.htools.algo.Metrics;
import org.garnet.htools.hbal.BalanceOptions;
import org.garnet.htools.hbal.Balancer;
import org.garnet.htools.hbal.HbalRun;
import org.garnet.htools.hbal.HsFormat;
import org.garnet.htools.hbal.MoveJob;
import org.garnet.htools.hbal.Solution;
import org.garnet.htools.hbal.Table;
import org.garnet.htools.loader.ClusterMerger;
import org.garnet.htools.loader.Hs;
import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.Fmt;
import org.garnet.htools.model.Group;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/** hbal: the cluster balancer (Ganeti's Program/Hbal.hs). */
public final class Hbal extends HTool {
    public Hbal() {
        super("hbal");
    }

    /** {@code -e/--min-score}: the excess over the optimal score at which balancing stops. */
    static double minScore(OptionParser p) throws UsageException {
        return readD(p, "min-score", "min score", 1e-9);
    }

    /** The balancing options of the command line (hbal's, and hcheck's rebalancing simulation). */
    static BalanceOptions balanceOptions(OptionParser p) throws UsageException {
        BalanceOptions bo = new BalanceOptions();
        bo.minGain = readD(p, "min-gain", "min gain", 1e-2);
        bo.minGainLimit = readD(p, "min-gain-limit", "min gain limit", 1e-1);
        bo.diskMoves = !p.has("no-disk-moves");
        bo.instanceMoves = !p.has("no-instance-moves");
        bo.restrictedMigration = p.has("restricted-migration");
        bo.ignoreSoftErrors = p.has("ignore-soft-errors");
        bo.evacMode = p.has("evac-mode");
        return bo;
    }

    private static double readD(OptionParser p, String opt, String what, double def) throws UsageException {
        if (!p.has(opt)) {
            return def;
        }
        try {
            return Hs.readDouble(what, p.last(opt));
        } catch (HtoolsException e) {
            throw new UsageException("Error while parsing command line arguments:\n" + e.getMessage() + "\n", 1,
                    false);
        }
    }

    @Override
    protected int main(Options o, PrintStream out, PrintStream err) throws HtoolsException {
        try {
            return balance(o, out, err);
        } catch (ExitException e) {
            throw e;
        } catch (RuntimeException e) {
            // never a Java stack trace: report like Ganeti's uncaught errors
            out.flush();
            err.println("hbal: internal error: " + e);
            return 1;
        }
    }

    private int balance(Options o, PrintStream out, PrintStream err) throws HtoolsException {
        OptionParser p = o.raw;
        double minScore;
        BalanceOptions bo;
        try {
            minScore = minScore(p);
            bo = balanceOptions(p);
        } catch (UsageException e) {
            err.print(e.getMessage());
            return e.exitCode;
        }
        String showCmds = p.has("print-commands") ? (p.last("print-commands") == null ? "-"
                : p.last("print-commands")) : null;
        int verbose = o.verbose;

        ClusterData ini = HbalLoad.load(o, p.last("dynu-file"), err);
        if (verbose > 1) {
            out.println("Loaded cluster tags: " + String.join(",", ini.tags));
            out.println("Loaded cluster ipolicy: " + ini.ipolicy.show());
        }
        List<Node> nlf = Cluster.setNodeStatus(o, ini.nodes);
        checkCluster(verbose, nlf, ini.instances, out, err);
        Cluster.maybeSave(o.saveCluster, "original", "before balancing", ini, err);

        Node[] all = nlf.toArray(new Node[0]);
        Instance[] il = ini.instances.toArray(new Instance[0]);
        GroupSplit grp = selectGroup(o, ini.groups, nlf, ini.instances, err);
        String gname = grp == null ? o.group : ini.groups.get(grp.gdx()).name;
        List<Node> gnodes = grp == null ? List.of() : grp.nodes();
        List<Instance> ginsts = grp == null ? List.of() : grp.instances();
        checkGroup(bo.ignoreSoftErrors, verbose, gname, gnodes, ginsts, out);

        out.flush();
        Cluster.maybePrintInsts(o.printInstances, "Initial", Cluster.printInsts(nlf, ginsts), err);
        Cluster.maybePrintNodes(o.printNodes, "Initial cluster", gnodes, err);
        err.flush();

        double iniCv = Metrics.compCV(gnodes);
        double optCv = Metrics.optimalCVScore(gnodes);
        if (verbose > 2) {
            out.print("Initial coefficients: overall " + Fmt.fixed(iniCv, 8) + "\n" + Metrics.printStats("  ", gnodes));
        } else {
            out.println("Initial score: " + Fmt.fixed(iniCv, 8));
        }
        if (iniCv - optCv < minScore) {
            out.print("Cluster is already well balanced (initial score " + HsFormat.g(iniCv, 6) + ",\n"
                    + "optimum score due to N+1 reservations " + HsFormat.g(optCv, 6) + ",\n" + "minimum score "
                    + HsFormat.g(minScore, 6) + ").\nNothing to do, exiting\n");
            return 0;
        }
        out.println("Trying to minimize the CV...");
        out.flush();
        int imlen = 0;
        for (Instance i : ginsts) {
            imlen = Math.max(imlen, i.alias.length());
        }
        int nmlen = 0;
        for (Node n : gnodes) {
            nmlen = Math.max(nmlen, n.alias.length());
        }
        int[] gn = gnodes.stream().mapToInt(n -> n.idx).toArray();
        int[] gi = ginsts.stream().mapToInt(i -> i.idx).toArray();
        Table t0 = new Table(all, il, gn, gi, iniCv, List.of());
        HbalRun run;
        try (Balancer b = new Balancer(bo)) {
            run = HbalRun.iterate(b, t0, o.maxLength, optCv + minScore, nmlen, imlen, line -> {
                out.println(line);
                out.flush();
            });
        }
        Table fin = run.table();
        if (fin.placements.isEmpty()) {
            out.print("No solution found\n");
        } else if (verbose > 2) {
            out.print("Final coefficients:   overall " + Fmt.fixed(fin.score, 8) + "\n"
                    + Metrics.printStats("  ", fin.groupNodeList()));
        } else {
            out.print("Cluster score improved from " + Fmt.fixed(iniCv, 8) + " to " + Fmt.fixed(fin.score, 8) + "\n");
        }
        if (verbose >= 1) {
            out.println("Solution length=" + fin.placements.size());
        }
        List<List<MoveJob>> sets = Solution.splitJobs(run.jobs());
        if (p.has("first-job-group") && sets.size() > 1) {
            sets = sets.subList(0, 1);
        }
        saveCommands(p.has("first-job-group") ? "First set of jobs:" : "Commands to run to reach the above solution:",
                showCmds, Solution.formatCmds(sets), out);
        List<Instance> finInsts = new ArrayList<>();
        for (int i : gi) {
            finInsts.add(fin.instances[i]);
        }
        out.flush();
        if (o.saveCluster != null) {
            Cluster.maybeSave(o.saveCluster, "balanced", "after balancing",
                    GroupData.subset(ini, fin.groupNodeList(), finInsts), err);
        }
        Cluster.maybePrintInsts(o.printInstances, "Final", Cluster.printInsts(List.of(fin.nodes), finInsts), err);
        Cluster.maybePrintNodes(o.printNodes, "Final cluster", fin.groupNodeList(), err);
        err.flush();
        if (verbose > 3) {
            out.printf("Original: mem=%d disk=%d%n", freeMem(gnodes), freeDisk(gnodes));
            out.printf("Final:    mem=%d disk=%d%n", freeMem(fin.groupNodeList()), freeDisk(fin.groupNodeList()));
        }
        if (p.has("exec") && !fin.placements.isEmpty()) {
            if (o.luxi == null) {
                throw new HtoolsException("hbal: Execution of commands possible only on LUXI");
            }
            return ExecJobs.run(ExecJobs.sink(p.last("reason")), toOpcodes(sets, fin.nodes, il), out, err);
        }
        return 0;
    }

    /** Ganeti's iMoveToJob for every job of every set: the opcodes, with full node and instance names. */
    private static List<List<List<Map<String, Object>>>> toOpcodes(List<List<MoveJob>> sets, Node[] nl,
                                                                   Instance[] il) {
        List<List<List<Map<String, Object>>>> out = new ArrayList<>();
        for (List<MoveJob> set : sets) {
            List<List<Map<String, Object>>> jobs = new ArrayList<>();
            for (MoveJob j : set) {
                jobs.add(ExecJobs.opcodes(il[j.inst()], j.move(), nl));
            }
            out.add(jobs);
        }
        return out;
    }

    private static long freeMem(List<Node> nl) {
        long s = 0;
        for (Node n : nl) {
            s += n.unallocatedMem();
        }
        return s;
    }

    private static long freeDisk(List<Node> nl) {
        long s = 0;
        for (Node n : nl) {
            s += n.fDsk;
        }
        return s;
    }

    private static void saveCommands(String msg, String showCmds, String cmds, PrintStream out)
            throws HtoolsException {
        if (showCmds == null) {
            return;
        }
        if (showCmds.equals("-")) {
            out.println();
            out.println(msg);
            StringBuilder b = new StringBuilder();
            for (String l : cmds.split("\n", -1)) {
                if (!l.equals("  check")) {
                    b.append("  ").append(l).append('\n');
                }
            }
            // cmds ends with a newline: the last split element is the empty rest, not a line
            out.print(b.substring(0, b.length() - 3));
            return;
        }
        try {
            Files.writeString(Path.of(showCmds), Solution.SH_TEMPLATE + cmds, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HtoolsException(showCmds + ": openFile: " + e.getMessage());
        }
        out.println("The commands have been written to file '" + showCmds + "'");
    }

    private static void checkCluster(int verbose, List<Node> nl, List<Instance> il, PrintStream out,
            PrintStream err) {
        if (il.isEmpty()) {
            out.print("Cluster is empty, exiting.\n");
            out.flush();
            throw new ExitException(0);
        }
        List<Instance> split = GroupSplit.splitInstances(nl, il);
        if (!split.isEmpty() && verbose > 1) {
            err.println("Found instances belonging to multiple node groups:");
            for (Instance i : split) {
                err.println("  " + i.name);
            }
            err.println("These instances will not be moved.");
        }
        out.printf("Loaded %d nodes, %d instances%n", nl.size(), il.size());
        String csf = ClusterMerger.commonSuffix(nl, il);
        if (!csf.isEmpty() && verbose > 1) {
            out.printf("Note: Stripping common suffix of '%s' from names%n", csf);
        }
    }

    /** The group to balance; null when the named group has no nodes. */
    private static GroupSplit selectGroup(Options o, List<Group> gl, List<Node> nl, List<Instance> il,
            PrintStream err) throws HtoolsException {
        List<GroupSplit> ngroups = GroupSplit.split(nl, il);
        if (ngroups.size() > 1 && o.group == null) {
            err.println("Found multiple node groups:");
            for (GroupSplit g : ngroups) {
                err.println("  " + gl.get(g.gdx()).name);
            }
            throw new HtoolsException("Aborting.");
        }
        if (o.group == null) {
            if (ngroups.isEmpty()) {
                throw new HtoolsException("No groups found by splitCluster?!");
            }
            return ngroups.get(0);
        }
        Group found = null;
        for (Group g : gl) {
            if (g.name.equals(o.group) || g.uuid.equals(o.group)) {
                found = g;
                break;
            }
        }
        if (found == null) {
            err.println("Node group " + o.group + " not found. Node group list is:");
            for (Group g : gl) {
                err.println("  " + g.name);
            }
            throw new HtoolsException("Aborting.");
        }
        for (GroupSplit g : ngroups) {
            if (g.gdx() == found.idx) {
                return g;
            }
        }
        return new GroupSplit(found.idx, List.of(), List.of());
    }

    private static void checkGroup(boolean force, int verbose, String gname, List<Node> nl, List<Instance> il,
            PrintStream out) {
        out.printf("Group size %d nodes, %d instances%n", nl.size(), il.size());
        out.println("Selected node group: " + gname);
        List<Node> bad = GroupSplit.badNodes(nl);
        List<Integer> badInsts = GroupSplit.badInstances(bad);
        if (verbose >= 1) {
            out.printf("Initial check done: %d bad nodes, %d bad instances.%n", bad.size(), badInsts.size());
        }
        List<Node> other = new ArrayList<>();
        for (Node n : nl) {
            if (!bad.contains(n)) {
                other.add(n);
            }
        }
        int policyBad = 0;
        List<String> status = new ArrayList<>();
        for (Node n : other) {
            String e = n.getPolicyHealthError();
            if (e != null) {
                policyBad++;
            }
            status.add("(" + Hs.showString(n.name) + "," + (e == null ? "Ok ()" : "Bad " + e) + ")");
        }
        if (verbose > 4) {
            out.println("Bad nodes: " + Hs.showList(bad.stream().map(n -> n.name).toList()));
            out.println("N+1 happy nodes: " + Hs.showList(other.stream().map(n -> n.name).toList()));
            out.println("Node policy status: [" + String.join(",", status) + "]");
        }
        if (!bad.isEmpty()) {
            out.println("Cluster is not N+1 happy, continuing but no guarantee that the cluster will end N+1 happy.");
        }
        if (policyBad > 0) {
            out.printf("The cluster contains %d policy-violating nodes.%n", policyBad);
            out.println(force ? "Continuing, ignoring soft errors."
                    : "Continuing, but the set of moves might be too restricted; consider using the "
                            + "--ignore-soft-errors option.");
        }
    }
}
