package org.garnet.htools.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.garnet.htools.algo.Coloring;
import org.garnet.htools.loader.Hs;
import org.garnet.htools.loader.TextLoader;
import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.Group;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/** hroller: groups of nodes that can be rebooted together. */
public final class Hroller extends HTool {
    public Hroller() {
        super("hroller");
    }

    /** A node configuration: nodes and instances (both indexed by idx). */
    record Conf(Node[] nl, Instance[] il) {
        Conf copy() {
            return new Conf(nl.clone(), il.clone());
        }
    }

    /** A reboot group and the configuration after its preparation. */
    record RGroup(List<Integer> nodes, Conf conf) {
    }

    @Override
    protected int main(Options o, PrintStream out, PrintStream err) throws HtoolsException {
        OptionParser p = o.raw;
        ClusterData cd = Cluster.load(o, err);
        List<String> masters = new ArrayList<>();
        cd.nodes.forEach(n -> {
            if (n.isMaster) {
                masters.add(n.name);
            }
        });
        if (masters.isEmpty()) {
            if (o.force) {
                err.println("Warning: No master node found (maybe not supported by backend).");
            } else {
                throw new HtoolsException("No master node found (maybe not supported by backend).");
            }
        } else if (masters.size() > 1) {
            throw new HtoolsException("Found more than one master node: " + Hs.showList(masters));
        }
        List<Node> nlf = Cluster.setNodeStatus(o, cd.nodes);
        Cluster.maybeSave(o.saveCluster, "original", "before hroller run", cd, err);
        Group wanted = null;
        if (o.group != null) {
            wanted = cd.groupByName(o.group);
            if (wanted == null) {
                throw new HtoolsException("Cannot find target group.");
            }
        }
        Conf conf0 = new Conf(nlf.toArray(new Node[0]), cd.instances.toArray(new Instance[0]));
        List<String> tags = p.has("node-tags") ? TextLoader.split(p.last("node-tags"), ',') : null;
        TreeMap<Integer, Node> nodes = new TreeMap<>();
        for (Node n : nlf) {
            if (n.offline) {
                continue;
            }
            if (p.has("skip-non-redundant") && !nonRedundant(conf0, n.idx).isEmpty()) {
                continue;
            }
            if (tags != null && n.nTags.stream().noneMatch(tags::contains)) {
                continue;
            }
            if (wanted != null && n.group != wanted.idx) {
                continue;
            }
            nodes.put(n.idx, n);
        }
        if (nodes.isEmpty()) {
            throw new HtoolsException("Cannot create node graph");
        }
        Coloring g = new Coloring(nodes.firstKey(), nodes.lastKey(),
                edges(nodes, nlf, cd.instances, p.has("offline-maintenance")));
        StringBuilder b = new StringBuilder();
        try {
            return reboot(o, p, b, g, nodes, nlf, conf0);
        } finally {
            out.print(b);
        }
    }

    private int reboot(Options o, OptionParser p, StringBuilder b, Coloring g, TreeMap<Integer, Node> nodes,
            List<Node> nlf, Conf conf0) throws HtoolsException {
        if (o.verbose > 2) {
            b.append("Node Graph: ").append(g.show()).append('\n');
        }
        String[] algNames = {"LF", "Dsatur", "Dcolor"};
        List<TreeMap<Integer, List<Integer>>> colorings = List.of(g.colorVertMap(g.colorLF()),
                g.colorVertMap(g.colorDsatur()), g.colorVertMap(g.colorDcolor()));
        TreeMap<Integer, List<Integer>> smallest = colorings.get(0);
        for (TreeMap<Integer, List<Integer>> c : colorings) {
            if (c.size() < smallest.size()) {
                smallest = c;
            }
        }
        List<Integer> allNdx = new ArrayList<>();
        for (Node n : nlf) {
            if (!n.offline) {
                allNdx.add(n.idx);
            }
        }
        List<RGroup> groups = new ArrayList<>();
        if (p.has("ignore-non-redundant")) {
            for (List<Integer> grp : smallest.values()) {
                groups.add(new RGroup(grp, conf0));
            }
        } else {
            for (List<Integer> grp : smallest.values()) {
                List<RGroup> part = partition(grp, allNdx, conf0, false);
                if (part == null) {
                    throw new HtoolsException("Not enough capacity to move non-redundant instances");
                }
                groups.addAll(part);
            }
        }
        if (p.has("full-evacuation")) {
            List<RGroup> migrated = new ArrayList<>();
            for (RGroup rg : groups) {
                Conf c = migrateOff(rg);
                if (c == null) {
                    throw new HtoolsException("Failed to migrate instances off nodes");
                }
                migrated.add(new RGroup(rg.nodes(), c));
            }
            List<RGroup> split = new ArrayList<>();
            for (RGroup rg : migrated) {
                List<RGroup> part = partition(rg.nodes(), allNdx, rg.conf(), true);
                if (part == null) {
                    throw new HtoolsException("Not enough capacity to move secondaries");
                }
                split.addAll(part);
            }
            groups = split;
        }
        List<RGroup> filtered = new ArrayList<>();
        for (RGroup rg : groups) {
            List<Integer> l = new ArrayList<>();
            for (int n : rg.nodes()) {
                if (nodes.containsKey(n)) {
                    l.add(n);
                }
            }
            filtered.add(new RGroup(l, rg.conf()));
        }
        filtered.sort((a, c) -> Integer.compare(c.nodes().size(), a.nodes().size()));
        List<RGroup> noMaster = new ArrayList<>();
        List<RGroup> withMaster = new ArrayList<>();
        for (RGroup rg : filtered) {
            List<Integer> others = new ArrayList<>();
            List<Integer> ms = new ArrayList<>();
            for (int n : rg.nodes()) {
                (nodes.get(n).isMaster ? ms : others).add(n);
            }
            others.addAll(ms);
            (ms.isEmpty() ? noMaster : withMaster).add(new RGroup(others, rg.conf()));
        }
        List<RGroup> outGroups = new ArrayList<>(noMaster);
        outGroups.addAll(withMaster);
        if (o.verbose > 1) {
            b.append(stats(algNames, colorings)).append('\n');
        }
        boolean oneStep = p.has("one-step-only");
        if (!p.has("no-headers")) {
            b.append(oneStep ? "'First Reboot Group'\n" : "'Node Reboot Groups'\n");
        }
        for (RGroup rg : oneStep ? outGroups.subList(0, Math.min(1, outGroups.size())) : outGroups) {
            List<String> names = new ArrayList<>();
            rg.nodes().forEach(n -> names.add(nodes.get(n).name));
            if (oneStep) {
                names.forEach(n -> b.append(n).append('\n'));
            } else {
                b.append(String.join(",", names)).append('\n');
            }
            if (p.has("print-moves")) {
                printMoves(b, conf0, rg.conf());
            }
        }
        return 0;
    }

    private static void printMoves(StringBuilder b, Conf ini, Conf fin) {
        for (int ix = 0; ix < ini.il().length; ix++) {
            Instance i = ini.il()[ix];
            Instance f = fin.il()[ix];
            boolean hasSec = i.hasSecondary();
            if (!(i.pNode != f.pNode || (hasSec && i.sNode != f.sNode))) {
                continue;
            }
            if (f.pNode == i.sNode && f.sNode == i.pNode) {
                continue;
            }
            b.append("  ").append(f.name).append(' ').append(fin.nl()[f.pNode].name);
            if (hasSec) {
                b.append(' ').append(fin.nl()[f.sNode].name);
            }
            b.append('\n');
        }
    }

    private static String stats(String[] names, List<TreeMap<Integer, List<Integer>>> colorings) {
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2));
        order.sort((a, c) -> Integer.compare(colorings.get(c).size(), colorings.get(a).size()));
        int old = 0;
        String str = "";
        for (int k = order.size() - 1; k >= 0; k--) {
            int a = order.get(k);
            Map<Integer, List<Integer>> m = colorings.get(a);
            List<String> sizes = new ArrayList<>();
            m.values().forEach(l -> sizes.add(Integer.toString(l.size())));
            String st = names[a] + ": " + m.size() + " (" + String.join(",", sizes) + ")";
            if (old == 0) {
                str = st;
            } else if (old == m.size()) {
                str = str + " TIE " + st;
            } else {
                str = str + " LOOSE " + st;
            }
            old = m.size();
        }
        return str;
    }

    private static List<int[]> edges(TreeMap<Integer, Node> nodes, List<Node> all, List<Instance> il,
            boolean offlineMaintenance) {
        List<int[]> inst = new ArrayList<>();
        for (Instance i : il) {
            if (i.hasSecondary()) {
                inst.add(new int[] {i.pNode, i.sNode});
                inst.add(new int[] {i.sNode, i.pNode});
            }
        }
        List<int[]> es = new ArrayList<>(inst);
        if (!offlineMaintenance) {
            LinkedHashSet<List<Integer>> shared = new LinkedHashSet<>();
            for (Node n : all) {
                List<Integer> prim = new ArrayList<>();
                for (int s : n.sList.toArray()) {
                    prim.add(il.get(s).pNode);
                }
                for (int x : prim) {
                    for (int y : prim) {
                        shared.add(List.of(x, y));
                    }
                }
            }
            List<List<Integer>> ys = new ArrayList<>(shared);
            for (int[] x : inst) {
                ys.remove(List.of(x[0], x[1]));
            }
            for (List<Integer> y : ys) {
                es.add(new int[] {y.get(0), y.get(1)});
            }
        }
        List<int[]> valid = new ArrayList<>();
        for (int[] e : es) {
            if (nodes.containsKey(e[0]) && nodes.containsKey(e[1])) {
                valid.add(e);
            }
        }
        return valid;
    }

    static List<Integer> nonRedundant(Conf c, int ndx) {
        List<Integer> r = new ArrayList<>();
        for (int i : c.nl()[ndx].pList.toArray()) {
            if (!c.il()[i].hasSecondary()) {
                r.add(i);
            }
        }
        return r;
    }

    private static boolean move(Conf c, int idx, int newNdx) {
        Instance inst = c.il()[idx];
        Node nn = c.nl()[newNdx].addPriEx(true, inst);
        if (nn.failed()) {
            return false;
        }
        int old = inst.pNode;
        c.nl()[old] = c.nl()[old].removePri(inst);
        c.nl()[newNdx] = nn;
        Instance ni = inst.copy();
        ni.pNode = newNdx;
        c.il()[idx] = ni;
        return true;
    }

    /** Ganeti's replaceSecondary, including its use of the primary node as the "old secondary". */
    private static boolean replaceSecondary(Conf c, int idx, int newNdx) {
        Instance inst = c.il()[idx];
        int oldNdx = inst.sNode;
        int pdx = inst.pNode;
        if (pdx == newNdx) {
            return false;
        }
        Node ns = c.nl()[newNdx].addSecEx(true, inst, pdx);
        if (ns.failed()) {
            return false;
        }
        Node oldSec = c.nl()[pdx].removeSec(inst);
        c.nl()[oldNdx] = oldSec;
        c.nl()[newNdx] = ns;
        Instance ni = inst.copy();
        ni.sNode = newNdx;
        c.il()[idx] = ni;
        return true;
    }

    /** Relocates the instances (primaries or secondaries) to the first target that accepts each; null if one fails. */
    private static Conf relocate(List<Integer> idxs, List<Integer> targets, Conf conf, boolean secondaries) {
        Conf c = conf.copy();
        for (int idx : idxs) {
            boolean ok = false;
            for (int t : targets) {
                Conf trial = c.copy();
                if (secondaries ? replaceSecondary(trial, idx, t) : move(trial, idx, t)) {
                    c = trial;
                    ok = true;
                    break;
                }
            }
            if (!ok) {
                return null;
            }
        }
        return c;
    }

    /** Ganeti's greedyClearNodes: the nodes that could be cleared together, and the resulting configuration. */
    private static RGroup clear(List<Integer> ndxs, List<Integer> targets, Conf conf, boolean secondaries) {
        List<Integer> chosen = new ArrayList<>();
        List<Integer> tg = new ArrayList<>(targets);
        Conf c = conf;
        for (int ndx : ndxs) {
            List<Integer> others = new ArrayList<>(tg);
            others.remove(Integer.valueOf(ndx));
            int grp = c.nl()[ndx].group;
            List<Integer> same = new ArrayList<>();
            for (int x : others) {
                if (c.nl()[x].group == grp) {
                    same.add(x);
                }
            }
            List<Integer> insts = secondaries ? toList(c.nl()[ndx].sList.toArray()) : nonRedundant(c, ndx);
            Conf c2 = relocate(insts, same, c, secondaries);
            if (c2 != null) {
                chosen.add(ndx);
                tg = others;
                c = c2;
            }
        }
        return new RGroup(chosen, c);
    }

    private static List<Integer> toList(int[] a) {
        List<Integer> l = new ArrayList<>();
        for (int x : a) {
            l.add(x);
        }
        return l;
    }

    private static List<RGroup> partition(List<Integer> ndxs, List<Integer> targets, Conf conf,
            boolean secondaries) {
        List<RGroup> r = new ArrayList<>();
        List<Integer> rest = new ArrayList<>(ndxs);
        while (!rest.isEmpty()) {
            RGroup g = clear(rest, targets, conf, secondaries);
            if (g.nodes().isEmpty()) {
                return null;
            }
            for (int n : g.nodes()) {
                rest.remove(Integer.valueOf(n));
            }
            r.add(g);
        }
        return r;
    }

    private static Conf migrateOff(RGroup rg) {
        Conf c = rg.conf().copy();
        List<Integer> insts = new ArrayList<>();
        for (int n : rg.nodes()) {
            for (int i : c.nl()[n].pList.toArray()) {
                if (c.il()[i].hasSecondary()) {
                    insts.add(i);
                }
            }
        }
        for (int idx : insts) {
            Instance inst = c.il()[idx];
            int pdx = inst.pNode;
            int sdx = inst.sNode;
            Node p = c.nl()[pdx].removePri(inst);
            Node s = c.nl()[sdx].removeSec(inst);
            Node s2 = s.addPriEx(true, inst);
            if (s2.failed()) {
                return null;
            }
            Node p2 = p.addSecEx(true, inst, sdx);
            if (p2.failed()) {
                return null;
            }
            c.nl()[pdx] = p2;
            c.nl()[sdx] = s2;
            Instance ni = inst.copy();
            ni.pNode = sdx;
            ni.sNode = pdx;
            c.il()[idx] = ni;
        }
        return c;
    }
}
