package org.garnet.htools.loader;

import java.util.ArrayList;
import java.util.List;

import org.garnet.htools.model.AllocPolicy;
import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.Group;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.IPolicy;
import org.garnet.htools.model.Node;

/** The {@code --simulate} backend: each spec "policy,nodes,disk,mem,cpu[,spindles[,excl]]" is one empty group. */
public final class SimuLoader {
    private SimuLoader() {
    }

    /** Specs in command line order; as in Ganeti, the last one becomes group-01. */
    public static ClusterData load(List<String> cmdLineSpecs) throws HtoolsException {
        List<String> specs = new ArrayList<>(cmdLineSpecs);
        java.util.Collections.reverse(specs);
        List<Group> groups = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        int gi = 1;
        for (String spec : specs) {
            List<String> f = TextLoader.split(spec, ',');
            if (f.size() == 5) {
                f.add("1");
            }
            if (f.size() == 6) {
                f.add("False");
            }
            if (f.size() != 7) {
                throw new HtoolsException("Invalid cluster specification, expected 6 comma-separated sections"
                        + " (allocation policy, node count, disk size, memory size, number of CPUs, spindles) but got "
                        + TextLoader.split(spec, ',').size() + ": '" + spec + "'");
            }
            AllocPolicy pol = policy(f.get(0));
            int count = Hs.readInt("node count", f.get(1));
            int disk = unit("disk size", f.get(2));
            int mem = unit("memory size", f.get(3));
            int cpu = Hs.readInt("cpu count", f.get(4));
            int spindles = Hs.readInt("spindles", f.get(5));
            boolean excl;
            switch (f.get(6).trim()) {
                case "True" -> excl = true;
                case "False" -> excl = false;
                default -> throw new HtoolsException("exclusive storage: cannot parse string '" + f.get(6) + "'");
            }
            Group g = new Group(String.format("group-%02d", gi), String.format("fake-uuid-%02d", gi), pol, List.of(),
                    IPolicy.DEFAULT, List.of());
            g.idx = groups.size();
            groups.add(g);
            for (int k = 1; k <= count; k++) {
                Node n = Node.create(String.format("node-%02d-%03d", gi, k), mem, 0, mem, disk, disk, cpu, 1, false,
                        spindles, 0, g.idx, excl);
                n.isMaster = gi == 1 && k == 1;
                n.idx = nodes.size();
                nodes.add(n);
            }
            gi++;
        }
        return new ClusterData(groups, nodes, new ArrayList<>(), new ArrayList<>(), IPolicy.DEFAULT);
    }

    private static int unit(String what, String s) throws HtoolsException {
        try {
            return Hs.parseUnit(s);
        } catch (HtoolsException e) {
            throw new HtoolsException(what + ": " + e.getMessage());
        }
    }

    private static AllocPolicy policy(String s) throws HtoolsException {
        switch (s) {
            case "p":
                return AllocPolicy.PREFERRED;
            case "a":
                return AllocPolicy.LAST_RESORT;
            case "u":
                return AllocPolicy.UNALLOCABLE;
            default:
                try {
                    return AllocPolicy.fromRaw(s);
                } catch (HtoolsException e) {
                    throw new HtoolsException(e.getMessage() + "; Cannot parse AllocPolicy abbreviation '" + s + "'");
                }
        }
    }
}
