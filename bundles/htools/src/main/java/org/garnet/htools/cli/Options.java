package org.garnet.htools.cli;

import java.util.ArrayList;
import java.util.List;

import org.garnet.htools.loader.Hs;
import org.garnet.htools.loader.TextLoader;
import org.garnet.htools.model.DiskTemplate;
import org.garnet.htools.model.HtoolsException;

/** Typed view of the parsed command line, with Ganeti's defaults and conversion errors. */
public final class Options {
    public final OptionParser raw;
    /** The tool's name (for messages Ganeti prefixes with the program name). */
    public String tool = "";
    public int verbose = 1;
    public String dataFile;
    public List<String> simulate = new ArrayList<>();
    public String master = "";
    public String luxi;
    public String iallocSrc;
    /** null: no node list; empty: default fields. */
    public List<String> printNodes;
    public boolean printInstances;
    public List<String> offline = new ArrayList<>();
    public boolean machineReadable;
    public DiskTemplate diskTemplate;
    public Integer spindleUse;
    public boolean independentGroups;
    public boolean acceptExisting;
    public boolean capacityChecks = true;
    public Double maxCpu;
    public double minDisk;
    public int maxLength = -1;
    /** disk, mem, cpu (and spindles) for --standard-alloc / --tiered-alloc. */
    public int[] stdSpec;
    public int[] tieredSpec;
    public String saveCluster;
    public int staticKvmNodeMemory = 4096;
    public List<String> exTags = new ArrayList<>();
    public List<String> selInsts = new ArrayList<>();
    public List<String> exInsts = new ArrayList<>();
    public boolean ignoreDynu;
    /** --mond, --mond-data, --mond-xen, --exit-on-missing-mond-data: dynamic data from monitoring daemons. */
    public boolean monD;
    public String monDFile;
    public boolean monDXen;
    public boolean monDExitMissing;
    public String group;
    public boolean force;

    private Options(OptionParser p) {
        this.raw = p;
    }

    private static UsageException bad(String msg) {
        return new UsageException("Error while parsing command line arguments:\n" + msg + "\n", 1, false);
    }

    public static Options parse(OptionSpec spec, String[] argv) throws UsageException {
        OptionParser p = OptionParser.parse(spec, argv);
        String toolName = spec.tool;
        if (p.has("help")) {
            throw new UsageException(spec.help, 0, true);
        }
        if (p.has("help-completion")) {
            throw new UsageException(spec.completion, 0, true);
        }
        if (p.has("version")) {
            throw new UsageException(spec.versionText(), 0, true);
        }
        Options o = new Options(p);
        o.tool = toolName;
        o.verbose = 1 + p.all("verbose").size() - p.all("quiet").size();
        o.dataFile = p.last("text-data");
        o.simulate = p.all("simulate");
        o.master = p.last("master") == null ? "" : p.last("master");
        if (p.has("luxi")) {
            o.luxi = p.last("luxi") == null ? "/var/run/ganeti/socket/ganeti-query" : p.last("luxi");
        }
        o.iallocSrc = p.last("ialloc-src");
        if (p.has("print-nodes")) {
            String f = p.last("print-nodes");
            o.printNodes = f == null ? new ArrayList<>() : TextLoader.split(f, ',');
        }
        o.printInstances = p.has("print-instances");
        o.offline = p.all("offline");
        o.machineReadable = yesNo(p, "machine-readable", o.machineReadable);
        try {
            if (p.has("disk-template")) {
                o.diskTemplate = DiskTemplate.fromRaw(p.last("disk-template"));
            }
            if (p.has("spindle-use")) {
                o.spindleUse = Hs.readInt("parsing spindle-use", p.last("spindle-use"));
                if (o.spindleUse < 0) {
                    throw new HtoolsException("Invalid value of the spindle-use (expected >= 0)");
                }
            }
            if (p.has("max-cpu")) {
                o.maxCpu = Hs.readDouble("parsing max-cpu", p.last("max-cpu"));
                if (o.maxCpu <= 0) {
                    throw new HtoolsException("Invalid value of the max-cpu ratio, expected >0");
                }
            }
            if (p.has("min-disk")) {
                o.minDisk = Hs.readDouble("min free disk space", p.last("min-disk"));
            }
            if (p.has("max-length")) {
                o.maxLength = Hs.readInt("max solution length", p.last("max-length"));
            }
            if (p.has("static-kvm-node-memory")) {
                o.staticKvmNodeMemory = Hs.readInt("static node memory", p.last("static-kvm-node-memory"));
            }
            if (p.has("standard-alloc")) {
                o.stdSpec = parseSpec("standard", p.last("standard-alloc"));
            }
            if (p.has("tiered-alloc")) {
                o.tieredSpec = parseSpec("tiered", p.last("tiered-alloc"));
            }
        } catch (HtoolsException e) {
            throw bad(e.getMessage());
        }
        o.independentGroups = p.has("independent-groups");
        o.acceptExisting = p.has("accept-existing-errors");
        o.capacityChecks = !p.has("no-capacity-checks");
        o.saveCluster = p.last("save");
        if (p.has("exclusion-tags")) {
            o.exTags = TextLoader.split(p.last("exclusion-tags"), ',');
        }
        if (p.has("select-instances")) {
            o.selInsts = TextLoader.split(p.last("select-instances"), ',');
        }
        if (p.has("exclude-instances")) {
            o.exInsts = TextLoader.split(p.last("exclude-instances"), ',');
        }
        o.ignoreDynu = p.has("ignore-dynu");
        o.monD = yesNo(p, "mond", o.monD);
        o.monDFile = p.last("mond-data");
        o.monDXen = p.has("mond-xen");
        o.monDExitMissing = p.has("exit-on-missing-mond-data");
        o.group = p.last("group");
        o.force = p.has("force");
        if (p.has("priority") && !List.of("low", "normal", "high").contains(p.last("priority"))) {
            throw bad("Unknown priority '" + p.last("priority") + "'");
        }
        return o;
    }

    /** An optional yes/no argument (yes when the option is given alone); {@code def} when absent. */
    private static boolean yesNo(OptionParser p, String opt, boolean def) throws UsageException {
        if (!p.has(opt)) {
            return def;
        }
        String v = p.last(opt);
        if (v == null || v.equals("yes")) {
            return true;
        } else if (v.equals("no")) {
            return false;
        }
        throw bad("Invalid choice '" + v + "', pass one of 'yes' or 'no'");
    }

    private static int unit(String what, String v) throws HtoolsException {
        try {
            return Hs.parseUnit(v);
        } catch (HtoolsException e) {
            throw new HtoolsException(what + ": " + e.getMessage());
        }
    }

    /** "disk,ram,cpu[,spindles]" with units. */
    static int[] parseSpec(String descr, String s) throws HtoolsException {
        List<String> f = TextLoader.split(s, ',');
        if (f.size() != 3 && f.size() != 4) {
            throw new HtoolsException("Invalid " + descr + " specification: '" + s + "', expected disk,ram,cpu");
        }
        int dsk = unit(descr + " specs disk", f.get(0));
        int mem = unit(descr + " specs memory", f.get(1));
        int cpu = Hs.readInt(descr + " specs cpus", f.get(2));
        int spn = f.size() == 4 ? Hs.readInt(descr + " specs spindles", f.get(3)) : 1;
        return new int[] {dsk, mem, cpu, spn};
    }
}
