package org.garnet.htools.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.garnet.htools.algo.Metrics;
import org.garnet.htools.loader.ClusterMerger;
import org.garnet.htools.loader.RapiLoader;
import org.garnet.htools.loader.TextWriter;
import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/**
 * {@code hscan [-d DIR] [-p[FIELDS]] [--no-headers] CLUSTER...}: loads each cluster through its RAPI (Ganeti's
 * or Garnet's, or a {@code file://} directory of RAPI answers), prints a one-line summary per cluster (nodes,
 * instances, nodes and instances failing N+1, memory and disk totals, score) and saves it in the text format as
 * {@code DIR/CLUSTER.data}. A cluster that cannot be loaded is reported and makes the exit status 2.
 */
public final class Hscan extends HTool {
    public Hscan() {
        super("hscan");
    }

    @Override
    protected boolean takesArguments() {
        return true;
    }

    @Override
    protected int main(Options o, PrintStream out, PrintStream err) throws HtoolsException {
        List<String> clusters = o.raw.args;
        if (clusters.isEmpty()) {
            throw new HtoolsException("LUXI backend not supported by Garnet's htools yet; name a cluster to scan");
        }
        int width = clusters.stream().mapToInt(String::length).max().orElse(5);
        if (!o.raw.has("no-headers")) {
            out.println(pad("Name", width) + " " + String.format("%5s %5s %5s %5s %6s %6s %6s %6s %10s", "Nodes",
                    "Inst", "BNode", "BInst", "t_mem", "f_mem", "t_disk", "f_disk", "Score"));
        }
        String dir = o.raw.last("output-dir") == null ? "." : o.raw.last("output-dir");
        boolean allOk = true;
        for (String name : clusters) {
            ClusterData cd;
            try {
                cd = RapiLoader.load(name);
                cd = ClusterMerger.merge(cd, List.of(), List.of(), List.of());
                List<Node> nl = new ArrayList<>(cd.nodes);
                ClusterMerger.updateMissing(nl, cd.instances);
                cd = cd.withState(nl, cd.instances);
            } catch (HtoolsException e) {
                out.printf("%nError for %s: failed to load data. Details:%n%s%n", name, e.getMessage());
                allOk = false;
                continue;
            }
            out.println(pad(name, width) + " " + summary(cd.nodes, cd.instances));
            if (o.printNodes != null) {
                out.print(Cluster.printNodes(cd.nodes, o.printNodes));
            }
            Path file = Path.of(dir, name.replace('/', '_') + ".data");
            try {
                Files.writeString(file, TextWriter.serialize(cd), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new HtoolsException(file + ": openFile: " + e.getMessage());
            }
        }
        return allOk ? 0 : 2;
    }

    private static String summary(List<Node> nodes, List<Instance> insts) {
        List<Node> bad = new ArrayList<>();
        for (Node n : nodes) {
            if (!n.offline && n.failN1) {
                bad.add(n);
            }
        }
        TreeSet<Integer> badInsts = new TreeSet<>();
        for (Node n : bad) {
            for (int i : n.sList.toArray()) {
                badInsts.add(i);
            }
            for (int i : n.pList.toArray()) {
                badInsts.add(i);
            }
        }
        double tMem = 0;
        double tDsk = 0;
        long fMem = 0;
        long fDsk = 0;
        for (Node n : nodes) {
            tMem += n.tMem;
            tDsk += n.tDsk;
            fMem += n.fMem;
            fDsk += n.fDsk;
        }
        return String.format("%5d %5d %5d %5d %6.0f %6d %6.0f %6d %s", nodes.size(), insts.size(), bad.size(),
                badInsts.size(), tMem, fMem, tDsk / 1024, Math.floorDiv(fDsk, 1024L),
                org.garnet.htools.model.Fmt.fixed(Metrics.compCV(nodes), 8));
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
