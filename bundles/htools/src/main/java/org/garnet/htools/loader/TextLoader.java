package org.garnet.htools.loader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.garnet.htools.model.AllocPolicy;
import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.DiskTemplate;
import org.garnet.htools.model.Group;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.IPolicy;
import org.garnet.htools.model.ISpec;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.InstanceStatus;
import org.garnet.htools.model.MinMaxISpecs;
import org.garnet.htools.model.Node;

/** Parses Ganeti's htools text format ({@code -t FILE}). Instances are placed on nodes by {@link ClusterMerger}. */
public final class TextLoader {
    private TextLoader() {
    }

    public static ClusterData loadFile(String path) throws HtoolsException {
        String text;
        try {
            text = Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new HtoolsException(path + ": openFile: does not exist (No such file or directory)");
        } catch (IOException e) {
            throw new HtoolsException(path + ": openFile: " + e.getMessage());
        }
        return parse(text);
    }

    /** Haskell's {@code lines}. */
    static List<String> lines(String s) {
        List<String> r = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        if (!r.isEmpty() && r.get(r.size() - 1).isEmpty()) {
            r.remove(r.size() - 1);
        }
        return r;
    }

    /** Haskell's {@code sepSplit}: "" gives [], a trailing separator gives a trailing empty element. */
    static <T> List<List<T>> sepSplit(T sep, List<T> s) {
        List<List<T>> r = new ArrayList<>();
        if (s.isEmpty()) {
            return r;
        }
        List<T> cur = new ArrayList<>();
        for (T x : s) {
            if (x.equals(sep)) {
                r.add(cur);
                cur = new ArrayList<>();
            } else {
                cur.add(x);
            }
        }
        r.add(cur);
        return r;
    }

    public static List<String> split(String s, char sep) {
        List<String> r = new ArrayList<>();
        if (s.isEmpty()) {
            return r;
        }
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == sep) {
                r.add(s.substring(start, i));
                start = i + 1;
            }
        }
        r.add(s.substring(start));
        return r;
    }

    public static ClusterData parse(String text) throws HtoolsException {
        List<List<String>> sections = sepSplit("", lines(text));
        if (sections.size() < 4) {
            throw new HtoolsException("Invalid format of the input file: " + sections.size()
                    + " sections instead of 4 or more");
        }
        List<Group> groups = new ArrayList<>();
        Map<String, Integer> ktg = new HashMap<>();
        for (String line : sections.get(0)) {
            Group g = loadGroup(split(line, '|'));
            g.idx = groups.size();
            ktg.put(g.uuid, g.idx);
            groups.add(g);
        }
        List<Node> nodes = new ArrayList<>();
        Map<String, Integer> ktn = new HashMap<>();
        for (String line : sections.get(1)) {
            Node n = loadNode(ktg, split(line, '|'));
            n.idx = nodes.size();
            ktn.put(n.name, n.idx);
            nodes.add(n);
        }
        List<Instance> insts = new ArrayList<>();
        for (String line : sections.get(2)) {
            Instance i = loadInst(ktn, split(line, '|'));
            i.idx = insts.size();
            insts.add(i);
        }
        List<String> ctags = new ArrayList<>(sections.get(3));
        IPolicy cpol = IPolicy.DEFAULT;
        if (sections.size() > 4) {
            for (String line : sections.get(4)) {
                List<String> f = split(line, '|');
                if (f.size() < 6) {
                    throw new HtoolsException("Invalid ipolicy data: '" + Hs.showList(f) + "'");
                }
                String owner = f.get(0);
                IPolicy pol = loadIPolicy(f);
                if (owner.isEmpty()) {
                    cpol = pol;
                } else {
                    Group g = null;
                    for (Group x : groups) {
                        if (x.name.equals(owner)) {
                            g = x;
                        }
                    }
                    if (g == null) {
                        throw new HtoolsException("Unknown group '" + owner + "'");
                    }
                    g.ipolicy = pol;
                }
            }
        }
        return new ClusterData(groups, nodes, insts, ctags, cpol);
    }

    static Group loadGroup(List<String> f) throws HtoolsException {
        if (f.size() < 4) {
            throw new HtoolsException("Invalid/incomplete group data: '" + Hs.showList(f) + "'");
        }
        AllocPolicy pol = AllocPolicy.fromRaw(f.get(2));
        List<String> nets = f.size() > 4 ? split(f.get(4), ',') : List.of();
        return new Group(f.get(0), f.get(1), pol, nets, IPolicy.DEFAULT, split(f.get(3), ','));
    }

    static Node loadNode(Map<String, Integer> ktg, List<String> in) throws HtoolsException {
        if (in.size() < 9) {
            throw new HtoolsException("Invalid/incomplete node data: '" + Hs.showList(in) + "'");
        }
        List<String> f = new ArrayList<>(in);
        String[] defaults = {"1", "", "N", "0", "1", "1.0"};
        for (int k = f.size(); k < 15; k++) {
            f.add(defaults[k - 9]);
        }
        String name = f.get(0);
        Integer gdx = ktg.get(f.get(8));
        if (gdx == null) {
            throw new HtoolsException("Unknown group '" + f.get(8) + "' for node " + name);
        }
        if (f.subList(1, 7).contains("?")) {
            return Node.create(name, 0, 0, 0, 0, 0, 0, 0, true, 0, 0, gdx, false);
        }
        double tm = Hs.readDouble(name, f.get(1));
        int nm = Hs.readInt(name, f.get(2));
        int fm = Hs.readInt(name, f.get(3));
        double td = Hs.readDouble(name, f.get(4));
        int fd = Hs.readInt(name, f.get(5));
        double tc = Hs.readDouble(name, f.get(6));
        int nc = Hs.readInt(name, f.get(13));
        int spindles = Hs.readInt(name, f.get(9));
        double speed = Hs.readDouble(name, f.get(14));
        int freeSp = Hs.readInt(name, f.get(12));
        boolean excl;
        switch (f.get(11)) {
            case "Y" -> excl = true;
            case "N" -> excl = false;
            default -> throw new HtoolsException("Invalid exclusive_storage value for node '" + name + "': "
                    + f.get(11));
        }
        Node n = Node.create(name, tm, nm, fm, td, fd, tc, nc, "Y".equals(f.get(7)), spindles, freeSp, gdx, excl);
        n.tCpuSpeed = speed;
        n.nTags = split(f.get(10), ',');
        n.isMaster = "M".equals(f.get(7));
        return n;
    }

    static Instance loadInst(Map<String, Integer> ktn, List<String> in) throws HtoolsException {
        if (in.size() < 10) {
            throw new HtoolsException("Invalid/incomplete instance data: '" + Hs.showList(in) + "'");
        }
        List<String> f = new ArrayList<>(in);
        String[] defaults = {"1", "-", "N"};
        for (int k = f.size(); k < 13; k++) {
            f.add(defaults[k - 10]);
        }
        String name = f.get(0);
        Integer pidx = ktn.get(f.get(6));
        if (pidx == null) {
            throw new HtoolsException("Unknown node '" + f.get(6) + "' for instance " + name);
        }
        int sidx = -1;
        if (!f.get(7).isEmpty()) {
            Integer s = ktn.get(f.get(7));
            if (s == null) {
                throw new HtoolsException("Unknown node '" + f.get(7) + "' for instance " + name);
            }
            sidx = s;
        }
        int mem = Hs.readInt(name, f.get(1));
        int dsk = Hs.readInt(name, f.get(2));
        int vcpus = Hs.readInt(name, f.get(3));
        InstanceStatus st = InstanceStatus.fromRaw(f.get(4));
        boolean ab;
        switch (f.get(5)) {
            case "Y" -> ab = true;
            case "N" -> ab = false;
            default -> throw new HtoolsException("Invalid auto_balance value '" + f.get(5) + "' for instance " + name);
        }
        DiskTemplate dt;
        try {
            dt = DiskTemplate.fromRaw(f.get(8));
        } catch (HtoolsException e) {
            throw new HtoolsException("Instance " + name + ": " + e.getMessage());
        }
        int su = Hs.readInt(name, f.get(10));
        Integer sp = "-".equals(f.get(11)) ? null : Hs.readInt(name, f.get(11));
        boolean forth;
        switch (f.get(12)) {
            case "Y" -> forth = true;
            case "N" -> forth = false;
            default -> throw new HtoolsException("Invalid forthcoming value '" + f.get(12) + "' for instance " + name);
        }
        Instance i = Instance.create(name, mem, dsk, sp, vcpus, st, split(f.get(9), ','), ab, pidx, sidx, dt, su,
                forth);
        if (i.hasSecondary() && sidx == pidx) {
            throw new HtoolsException("Instance " + name + " has same primary and secondary node - " + f.get(6));
        }
        return i;
    }

    static ISpec loadISpec(String owner, List<String> f) throws HtoolsException {
        if (f.size() < 6) {
            throw new HtoolsException("Invalid ispec data for " + owner + ": " + Hs.showList(f));
        }
        return new ISpec(Hs.readInt(owner + "/memsize", f.get(0)), Hs.readInt(owner + "/cpucount", f.get(1)),
                Hs.readInt(owner + "/disksize", f.get(2)), Hs.readInt(owner + "/diskcount", f.get(3)),
                Hs.readInt(owner + "/niccount", f.get(4)), Hs.readInt(owner + "/spindleuse", f.get(5)));
    }

    static IPolicy loadIPolicy(List<String> f) throws HtoolsException {
        String owner = f.get(0);
        ISpec std = loadISpec(owner + "/stdspec", split(f.get(1), ','));
        List<String> mm = split(f.get(2), ';');
        if (mm.size() % 2 != 0) {
            throw new HtoolsException("Odd number of min/max specs for " + owner);
        }
        List<MinMaxISpecs> minmax = new ArrayList<>();
        for (int k = 0; k < mm.size(); k += 2) {
            minmax.add(new MinMaxISpecs(loadISpec(owner + "/minspec", split(mm.get(k), ',')),
                    loadISpec(owner + "/maxspec", split(mm.get(k + 1), ','))));
        }
        List<DiskTemplate> dts = new ArrayList<>();
        for (String d : split(f.get(3), ',')) {
            dts.add(DiskTemplate.fromRaw(d));
        }
        return new IPolicy(minmax, std, dts, Hs.readDouble(owner + "/vcpu_ratio", f.get(4)),
                Hs.readDouble(owner + "/spindle_ratio", f.get(5)));
    }
}
