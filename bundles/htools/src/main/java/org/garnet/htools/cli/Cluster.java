package org.garnet.htools.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.garnet.htools.algo.Table;
import org.garnet.htools.loader.ClusterMerger;
import org.garnet.htools.loader.SimuLoader;
import org.garnet.htools.loader.TextLoader;
import org.garnet.htools.loader.TextWriter;
import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.Fmt;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/** Shared tool steps: loading the cluster from the selected backend, node status options, printing, saving. */
public final class Cluster {
    private Cluster() {
    }

    /**
     * The raw cluster of the selected backend ({@code -m} RAPI, {@code -L} this appliance through its RAPI,
     * {@code --simulate}, {@code -t}), before merging; the caller wraps errors as "failed to load data".
     */
    public static ClusterData readBackend(Options o) throws HtoolsException {
        if (!o.master.isEmpty()) {
            return org.garnet.htools.loader.RapiLoader.load(o.master);
        } else if (o.luxi != null) {
            return org.garnet.htools.loader.RapiLoader.load(liveRapi());
        } else if (!o.simulate.isEmpty()) {
            return SimuLoader.load(o.simulate);
        } else if (o.dataFile != null) {
            return TextLoader.loadFile(o.dataFile);
        } else if (o.iallocSrc != null) {
            return IallocSource.read(o.iallocSrc, 0, null).cluster;
        }
        throw new HtoolsException("No backend selected! Exiting.");
    }

    /** Ganeti's loadExternalData: pick the backend, parse, merge, compute missing memory, print warnings. */
    public static ClusterData load(Options o, PrintStream err) throws HtoolsException {
        return load(o, err, il -> il);
    }

    /**
     * As {@link #load(Options, PrintStream)}, with {@code prepare} applied to the instances before they are
     * placed on their nodes (hbal sets their dynamic utilisation there).
     */
    public static ClusterData load(Options o, PrintStream err,
            java.util.function.UnaryOperator<List<org.garnet.htools.model.Instance>> prepare) throws HtoolsException {
        int set = (o.master.isEmpty() ? 0 : 1) + (o.luxi == null ? 0 : 1) + (o.dataFile == null ? 0 : 1);
        if (set > 1) {
            throw new HtoolsException("Only one of the rapi, luxi, and data files options should be given.");
        }
        ClusterData cd;
        boolean kvm;
        try {
            boolean ialloc = o.master.isEmpty() && o.luxi == null && o.simulate.isEmpty() && o.dataFile == null
                    && o.iallocSrc != null;
            // Ganeti reads the request without the KVM node memory override; the load's own pass applies it
            org.garnet.htools.iallocator.Request req = ialloc ? IallocSource.read(o.iallocSrc, 0, err) : null;
            kvm = req != null && req.kvm && o.staticKvmNodeMemory > 0;
            cd = req != null ? req.cluster : readBackend(o);
            cd = cd.withState(cd.nodes, prepare.apply(cd.instances));
            cd = ClusterMerger.merge(cd, withColon(o.exTags), o.selInsts, o.exInsts);
        } catch (IallocSource.BadRequest e) {
            throw e;
        } catch (HtoolsException e) {
            throw new HtoolsException("failed to load data, aborting: " + e.getMessage());
        }
        if (o.monD) {
            boolean[] complete = {true};
            cd = MonD.query(o, cd, err, complete);
            if (o.monDExitMissing && !complete[0]) {
                throw new HtoolsException("Not all required data available");
            }
        }
        List<Node> nl = new ArrayList<>(cd.nodes);
        if (kvm) {
            nl.replaceAll(n -> {
                Node c = n.copy();
                c.nMem = o.staticKvmNodeMemory;
                return c;
            });
        }
        List<String> msgs = ClusterMerger.updateMissing(nl, cd.instances);
        if (o.verbose != 0) {
            printWarnings(msgs, err);
        }
        return cd.withState(nl, cd.instances);
    }

    /** Ganeti's maybeShowWarnings: the load's data-consistency messages, if any. */
    static void printWarnings(List<String> msgs, PrintStream err) {
        if (msgs.isEmpty()) {
            return;
        }
        err.println("Warning: cluster has inconsistent data:");
        StringBuilder b = new StringBuilder();
        for (String m : msgs) {
            b.append("  - ").append(m).append('\n');
        }
        err.println(b);
    }

    /**
     * Garnet has no LUXI socket: {@code -L} reads the local appliance's cluster through its RAPI
     * ({@code GARNET_LIVE_RAPI}, set by {@code ./garnet}; credentials from {@code GARNET_RAPI_USER} and
     * {@code GARNET_RAPI_PASSWORD}).
     */
    static String liveRapi() {
        java.util.function.Supplier<String> own = inAppliance;
        if (own != null) {
            return own.get();
        }
        String url = System.getenv("GARNET_LIVE_RAPI");
        return url == null || url.isEmpty() ? "https://127.0.0.1:5080" : url;
    }

    /** In the appliance's shell: where its own RAPI answers, with credentials (null: from the environment). */
    private static volatile java.util.function.Supplier<String> inAppliance;

    /** Sets (or with null removes) how tools typed in the appliance's shell reach its RAPI for {@code -L}. */
    public static void liveRapiInAppliance(java.util.function.Supplier<String> url) {
        inAppliance = url;
    }

    private static List<String> withColon(List<String> tags) {
        List<String> r = new ArrayList<>();
        tags.forEach(t -> r.add(t + ":"));
        return r;
    }

    /** Applies -O, --min-disk and --max-cpu to a copy of the node list. */
    public static List<Node> setNodeStatus(Options o, List<Node> nl) throws HtoolsException {
        List<String> names = new ArrayList<>();
        nl.forEach(n -> names.add(n.name));
        List<String> wrong = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (String s : o.offline) {
            String r = ClusterMerger.lookupName(names, s);
            if (r == null) {
                wrong.add(s);
            } else {
                off.add(r);
            }
        }
        if (!wrong.isEmpty()) {
            throw new HtoolsException("wrong node name(s) set as offline: " + String.join(",", wrong) + "\n");
        }
        List<Node> r = new ArrayList<>();
        for (Node n : nl) {
            Node c = n.copy();
            if (o.maxCpu != null) {
                c.setMcpu(o.maxCpu);
            }
            c.setMdsk(o.minDisk);
            if (off.contains(c.name)) {
                c.offline = true;
            }
            r.add(c);
        }
        return r;
    }

    public static final List<String> DEFAULT_FIELDS = List.of("status", "name", "tmem", "nmem", "imem", "xmem",
            "fmem", "umem", "rmem", "tdsk", "fdsk", "tcpu", "ucpu", "pcnt", "scnt", "pfmem", "pfdsk", "rcpu", "cload",
            "mload", "dload", "nload");

    public static String printNodes(List<Node> nl, List<String> fs) {
        List<String> fields;
        if (fs.isEmpty()) {
            fields = DEFAULT_FIELDS;
        } else if (fs.get(0).startsWith("+")) {
            fields = new ArrayList<>(DEFAULT_FIELDS);
            fields.add(fs.get(0).substring(1));
            fields.addAll(fs.subList(1, fs.size()));
            fields.removeIf(String::isEmpty);
        } else {
            fields = fs;
        }
        String[] header = new String[fields.size()];
        boolean[] isNum = new boolean[fields.size()];
        for (int k = 0; k < fields.size(); k++) {
            String[] h = NodeFields.header(fields.get(k));
            header[k] = h[0];
            isNum[k] = h[1] != null;
        }
        List<String[]> rows = new ArrayList<>();
        for (Node n : nl) {
            String[] r = new String[fields.size()];
            for (int k = 0; k < fields.size(); k++) {
                r[k] = NodeFields.show(n, fields.get(k));
            }
            rows.add(r);
        }
        return Table.print("", header, rows, isNum);
    }

    public static String printInsts(List<Node> nl, List<Instance> il) {
        List<String[]> rows = new ArrayList<>();
        for (Instance i : il) {
            rows.add(new String[] {i.isRunning() ? "R" : " ", i.name, nl.get(i.pNode).name,
                i.sNode < 0 ? "" : nl.get(i.sNode).name, i.autoBalance ? "Y" : "N", Fmt.pad(i.vcpus, 3),
                Fmt.pad(i.mem, 5), Fmt.pad(Math.floorDiv(i.dsk, 1024), 5), Fmt.fixed(i.util[0], 5, 3),
                Fmt.fixed(i.util[1], 5, 3), Fmt.fixed(i.util[2], 5, 3), Fmt.fixed(i.util[3], 5, 3)});
        }
        return Table.print("", new String[] {"F", "Name", "Pri_node", "Sec_node", "Auto_bal", "vcpu", "mem", "dsk",
            "lCpu", "lMem", "lDsk", "lNet"}, rows,
                new boolean[] {false, false, false, false, false, true, true, true, true, true, true, true});
    }

    public static void maybePrintNodes(List<String> fields, String msg, List<Node> nl, PrintStream err) {
        if (fields == null) {
            return;
        }
        err.println();
        err.println(msg + " status:");
        err.println(printNodes(nl, fields));
    }

    public static void maybePrintInsts(boolean doPrint, String msg, String data, PrintStream err) {
        if (doPrint) {
            err.println();
            err.println(msg + " instance map:");
            err.print(data);
        }
    }

    public static void maybeSave(String path, String ext, String msg, ClusterData cd, PrintStream err)
            throws HtoolsException {
        if (path == null) {
            return;
        }
        String out = path + "." + ext;
        try {
            Files.writeString(Path.of(out), TextWriter.serialize(cd), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HtoolsException(out + ": openFile: " + e.getMessage());
        }
        err.println("The cluster state " + msg + " has been written to file '" + out + "'");
    }

    /** Ganeti's printKeys: PREFIX_KEY=value, quoted unless alphanumeric or dots. */
    public static void printKeys(PrintStream out, String prefix, List<String[]> kv) {
        for (String[] p : kv) {
            out.println(prefix + "_" + p[0].toUpperCase() + "=" + quote(p[1]));
        }
    }

    static String quote(String v) {
        for (char c : v.toCharArray()) {
            if (!(Character.isLetterOrDigit(c) || c == '.')) {
                return "'" + v + "'";
            }
        }
        return v;
    }
}
