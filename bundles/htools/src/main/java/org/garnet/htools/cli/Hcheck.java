package org.garnet.htools.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.garnet.htools.algo.GlobalN1;
import org.garnet.htools.algo.Metrics;
import org.garnet.htools.hbal.BalanceOptions;
import org.garnet.htools.hbal.Balancer;
import org.garnet.htools.hbal.HbalRun;
import org.garnet.htools.hbal.Table;
import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.Fmt;
import org.garnet.htools.model.Group;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/**
 * hcheck: cluster health checks per group and for the cluster; when a check fails, each group's rebalancing is
 * simulated (hbal's algorithm and options) and the checks are shown again on the result.
 */
public final class Hcheck extends HTool {
    public Hcheck() {
        super("hcheck");
    }

    private static String[][] commonData(boolean capacity) {
        List<String[]> r = new ArrayList<>(List.of(new String[] {"N1_FAIL", "Nodes not N+1 happy"},
                new String[] {"CONFLICT_TAGS", "Nodes with conflicting instances"},
                new String[] {"OFFLINE_PRI", "Instances having the primary node offline"},
                new String[] {"OFFLINE_SEC", "Instances having a secondary node offline"}));
        if (capacity) {
            r.add(new String[] {"GN1_FAIL", "Nodes not directly evacuateable"});
        }
        return r.toArray(new String[0][]);
    }

    /** Per-group statistics: counts, and the group score. */
    record GroupStats(Group group, double score, int[] stats) {
    }

    static GroupStats perGroup(boolean capacity, List<Group> gl, GroupSplit g, Node[] all) {
        List<Node> nodes = g.nodes();
        int[] scope = nodes.stream().mapToInt(n -> n.idx).toArray();
        int n1 = GroupSplit.badNodes(nodes).size();
        int conflict = 0;
        int offPri = 0;
        int offSec = 0;
        for (Node n : nodes) {
            if (n.conflictingPrimaries() > 0) {
                conflict++;
            }
            if (n.offline) {
                offPri += n.pList.size();
                offSec++;
            }
        }
        List<Integer> st = new ArrayList<>(List.of(n1, conflict, offPri, offSec));
        if (capacity) {
            int gn1 = 0;
            for (Node n : nodes) {
                if (!GlobalN1.canEvacuateNode(all, g.allInstances(), scope, n)) {
                    gn1++;
                }
            }
            st.add(gn1);
        }
        return new GroupStats(gl.get(g.gdx()), Metrics.compCV(nodes), st.stream().mapToInt(i -> i).toArray());
    }

    @Override
    protected int main(Options o, PrintStream out, PrintStream err) throws HtoolsException {
        boolean mr = o.machineReadable;
        boolean noSim = o.raw.has("no-simulation");
        double minScore;
        BalanceOptions bo;
        try {
            minScore = Hbal.minScore(o.raw);
            bo = Hbal.balanceOptions(o.raw);
        } catch (UsageException e) {
            err.print(e.getMessage());
            return e.exitCode;
        }
        ClusterData cd = HbalLoad.load(o, o.raw.last("dynu-file"), err);
        List<Node> nl = Cluster.setNodeStatus(o, cd.nodes);
        List<Instance> il = cd.instances;
        Node[] all = nl.toArray(new Node[0]);
        List<GroupSplit> split = GroupSplit.split(nl, il);
        StringBuilder b = new StringBuilder();
        if (mr) {
            for (Group g : cd.groups) {
                b.append("HCHECK_GROUP_UUID_").append(g.idx).append('=').append(Cluster.quote(g.uuid)).append('\n');
            }
        }
        List<GroupStats> gs = new ArrayList<>();
        for (GroupSplit g : split) {
            gs.add(perGroup(o.capacityChecks, cd.groups, new GroupSplit(g.gdx(), g.nodes(), il), all));
        }
        int[] cl = sum(gs);
        boolean need = java.util.Arrays.stream(cl).sum() > 0;
        if (!(o.verbose < 1 || mr)) {
            b.append(noSim ? "Running in no-simulation mode.\n" : need ? "Cluster needs rebalancing.\n"
                    : "No need to rebalance cluster, no problems found.\n");
        }
        for (GroupStats g : gs) {
            printGroup(b, o, mr, "INIT", "initially", g);
        }
        printCluster(b, o, mr, "INIT", "initially", cl, need);
        boolean exitOk = noSim || !need;
        boolean simulate = !noSim && need;
        if (simulate || mr) {
            List<GroupStats> fin = gs;
            int[] fcl = cl;
            if (simulate) {
                fin = new ArrayList<>();
                for (GroupSplit g : split) {
                    Table t = rebalance(o, bo, minScore, g, all, il);
                    fin.add(perGroup(o.capacityChecks, cd.groups, new GroupSplit(g.gdx(), t.groupNodeList(),
                            java.util.Arrays.asList(t.instances)), t.nodes));
                }
                fcl = sum(fin);
            }
            for (GroupStats g : fin) {
                printGroup(b, o, mr, "FINAL", "after rebalancing", g);
            }
            // as Ganeti, the health verdict printed after rebalancing is the initial one
            printCluster(b, o, mr, "FINAL", "after rebalancing", fcl, need);
        }
        if (mr) {
            b.append("HCHECK_OK=1\n");
        }
        out.print(b);
        out.flush();
        return exitOk ? 0 : 1;
    }

    /** The group after Ganeti's hbal iteration on it (unchanged when already within the minimum score). */
    private static Table rebalance(Options o, BalanceOptions bo, double minScore, GroupSplit g, Node[] all,
            List<Instance> il) {
        List<Node> nodes = g.nodes();
        double iniCv = Metrics.compCV(nodes);
        double minCv = minScore + Metrics.optimalCVScore(nodes);
        int[] gn = nodes.stream().mapToInt(n -> n.idx).toArray();
        int[] gi = g.instances().stream().mapToInt(i -> i.idx).toArray();
        Table t0 = new Table(all, il.toArray(new Instance[0]), gn, gi, iniCv, List.of());
        if (iniCv < minCv) {
            return t0;
        }
        try (Balancer b = new Balancer(bo)) {
            return HbalRun.iterate(b, t0, o.maxLength, minCv, 0, 0, line -> { }).table();
        }
    }

    private static int[] sum(List<GroupStats> gs) {
        if (gs.isEmpty()) {
            return new int[0];
        }
        int[] r = new int[gs.get(0).stats().length];
        for (GroupStats g : gs) {
            for (int k = 0; k < r.length; k++) {
                r[k] += g.stats()[k];
            }
        }
        return r;
    }

    private static void printGroup(StringBuilder b, Options o, boolean mr, String phase, String descr,
            GroupStats g) {
        String[][] data = commonData(o.capacityChecks);
        List<String> vals = new ArrayList<>();
        for (int v : g.stats()) {
            vals.add(Integer.toString(v));
        }
        vals.add(Fmt.fixed(g.score(), 8));
        if (mr) {
            for (int k = 0; k < vals.size(); k++) {
                String key = k < data.length ? data[k][0] : "SCORE";
                b.append("HCHECK_").append(phase).append("_GROUP_").append(g.group().idx).append('_').append(key)
                        .append('=').append(Cluster.quote(vals.get(k))).append('\n');
            }
        } else if (o.verbose >= 1) {
            b.append("\nStatistics for group ").append(g.group().name).append(' ').append(descr).append('\n');
            for (int k = 0; k < vals.size(); k++) {
                String d = k < data.length ? data[k][1] : "Group score";
                b.append("    ").append(d).append(": ").append(vals.get(k)).append('\n');
            }
        }
    }

    private static void printCluster(StringBuilder b, Options o, boolean mr, String phase, String descr, int[] st,
            boolean need) {
        String[][] data = commonData(o.capacityChecks);
        List<String> vals = new ArrayList<>();
        for (int v : st) {
            vals.add(Integer.toString(v));
        }
        vals.add(mr ? (need ? "1" : "0") : (need ? "True" : "False"));
        if (mr) {
            for (int k = 0; k < vals.size(); k++) {
                String key = k < data.length ? data[k][0] : "NEED_REBALANCE";
                b.append("HCHECK_").append(phase).append("_CLUSTER_").append(key).append('=')
                        .append(Cluster.quote(vals.get(k))).append('\n');
            }
        } else if (o.verbose >= 1) {
            b.append("\nCluster statistics ").append(descr).append('\n');
            for (int k = 0; k < vals.size(); k++) {
                String d = k < data.length ? data[k][1] : "Cluster is not healthy";
                b.append("    ").append(d).append(": ").append(vals.get(k)).append('\n');
            }
        }
    }
}
