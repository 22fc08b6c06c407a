package org.garnet.htools.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.garnet.htools.algo.Metrics;
import org.garnet.htools.algo.Table;
import org.garnet.htools.loader.ClusterMerger;
import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.Fmt;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/** hinfo: cluster information (groups, N+1 status, score). */
public final class Hinfo extends HTool {
    public Hinfo() {
        super("hinfo");
    }

    @Override
    protected int main(Options o, PrintStream out, PrintStream err) throws HtoolsException {
        ClusterData cd = Cluster.load(o, err);
        out.println("Loaded cluster tags: " + String.join(",", cd.tags));
        if (o.verbose > 2) {
            out.println("Loaded cluster ipolicy: " + cd.ipolicy.show());
        }
        List<Node> nl = Cluster.setNodeStatus(o, cd.nodes);
        List<Instance> il = cd.instances;
        if (il.isEmpty() && o.verbose > 1) {
            out.print("Cluster is empty.\n");
        }
        out.printf("Loaded %d %s, %d %s, %d %s%n", nl.size(), nl.size() == 1 ? "node" : "nodes", il.size(),
                il.size() == 1 ? "instance" : "instances", cd.groups.size(),
                cd.groups.size() == 1 ? "node group" : "node groups");
        String csf = ClusterMerger.commonSuffix(nl, il);
        if (!csf.isEmpty() && o.verbose > 2) {
            out.printf("Note: Stripping common suffix of '%s' from names%n", csf);
        }
        List<Instance> split = GroupSplit.splitInstances(nl, il);
        if (split.isEmpty()) {
            if (o.verbose > 1) {
                out.println("No split instances found");
            }
        } else {
            out.println("Found instances belonging to multiple node groups:");
            out.flush();
            for (Instance i : split) {
                err.println("  " + i.name);
            }
        }
        List<String[]> rows = new ArrayList<>();
        boolean allHappy = true;
        for (GroupSplit g : GroupSplit.split(nl, il)) {
            List<Node> bad = GroupSplit.badNodes(g.nodes());
            int badInsts = GroupSplit.badInstances(bad).size();
            allHappy &= bad.isEmpty();
            rows.add(new String[] {cd.groups.get(g.gdx()).name, Integer.toString(g.nodes().size()),
                Integer.toString(g.instances().size()), Integer.toString(bad.size()), Integer.toString(badInsts),
                bad.isEmpty() ? "True" : "False", Fmt.fixed(Metrics.compCV(g.nodes()), 8)});
        }
        if (o.verbose > 1) {
            out.print("Node group information:\n" + Table.print("  ", new String[] {"Group", "Nodes", "Instances",
                "Bad_Nodes", "Bad_Instances", "N+1", "Score"}, rows,
                    new boolean[] {false, true, true, true, true, false, true}));
        }
        out.println("Cluster is N+1 " + (allHappy ? "happy" : "unhappy"));
        out.flush();
        Cluster.maybePrintInsts(o.printInstances, "Instances", Cluster.printInsts(nl, il), err);
        Cluster.maybePrintNodes(o.printNodes, "Cluster", nl, err);
        err.flush();
        out.print("Cluster coefficients:\n" + Metrics.printStats("  ", nl));
        out.println("Cluster score: " + Fmt.fixed(Metrics.compCV(nl), 8));
        return 0;
    }
}
