package org.garnet.htools.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.garnet.htools.hbal.MoveJob;
import org.garnet.htools.hbal.Solution;
import org.garnet.htools.hsqueeze.Squeeze;
import org.garnet.htools.loader.Hs;
import org.garnet.htools.loader.TextWriter;
import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/** hsqueeze: which nodes to put on standby (or bring back) to keep a target of free resources per node. */
public final class Hsqueeze extends HTool {
    public Hsqueeze() {
        super("hsqueeze");
    }

    @Override
    protected int main(Options o, PrintStream out, PrintStream err) throws HtoolsException {
        OptionParser p = o.raw;
        double minf;
        double targetf;
        try {
            minf = p.has("minimal-resources") ? Hs.readDouble("minimal resources", p.last("minimal-resources")) : 2.0;
            targetf = p.has("target-resources") ? Hs.readDouble("target resources", p.last("target-resources"))
                    : 2.0;
        } catch (HtoolsException e) {
            err.print("Error while parsing command line arguments:\n" + e.getMessage() + "\n");
            return 1;
        }
        try (Squeeze sq = new Squeeze()) {
            return squeeze(o, p, minf, targetf, sq, out, err);
        } catch (ExitException e) {
            throw e;
        } catch (RuntimeException e) {
            out.flush();
            err.println("hsqueeze: internal error: " + e);
            return 1;
        }
    }

    private static int squeeze(Options o, OptionParser p, double minf, double targetf, Squeeze sq, PrintStream out,
            PrintStream err) throws HtoolsException {
        ClusterData ini = Cluster.load(o, err);
        save(o.saveCluster, "original", "before hsqueeze run", ini, out, err);
        Squeeze.Conf conf = new Squeeze.Conf(ini.nodes.toArray(new Node[0]), ini.instances.toArray(new Instance[0]));
        List<Node> offCands = Squeeze.offlineCandidates(conf);
        List<Node> onCands = Squeeze.onlineCandidates(conf);
        Instance target = Squeeze.referenceInstance(targetf, ini.ipolicy.std());
        Instance minimal = Squeeze.referenceInstance(minf, ini.ipolicy.std());
        boolean headers = !p.has("no-headers");
        String showCmds = p.has("print-commands") ? (p.last("print-commands") == null ? "-"
                : p.last("print-commands")) : null;
        if (o.verbose > 1) {
            out.println("Offline candidates: " + names(offCands));
            out.println("Online candidates: " + names(onCands));
        }
        if (!Squeeze.allNodesCapacityFor(minimal, conf)) {
            List<Node> toOnline = sq.tryOnline(minimal, conf, onCands);
            List<Node> nodes = toOnline == null ? onCands : toOnline;
            Squeeze.Balanced fin = sq.onlineOffline(false, nodes, conf);
            if (headers) {
                out.println("'Nodes to online'");
            }
            nodes.forEach(n -> out.println(n.name));
            if (o.verbose > 1 && toOnline == null) {
                out.println("Onlining all nodes will not yield enough capacity");
            }
            StringBuilder cmd = new StringBuilder("echo Power Commands\n");
            nodes.forEach(n -> cmd.append("  gnt-node power -f on ").append(n.alias).append('\n'));
            List<List<MoveJob>> onJobs = Solution.splitJobs(fin.moves());
            cmd.append(Solution.formatCmds(onJobs));
            saveCommands(showCmds, cmd.toString(), out, err);
            List<List<List<Map<String, Object>>>> sets = new ArrayList<>();
            sets.add(List.of(power(nodes, false)));
            sets.addAll(moves(onJobs, conf));
            int rc = maybeExec(o, p, sets, out, err);
            if (rc != 0) {
                return rc;
            }
            save(o.saveCluster, "squeezed", "after hsqueeze expansion", state(ini, fin.conf()), out, err);
            return 0;
        }
        List<Node> toOffline = sq.greedyOffline(target, conf, offCands);
        if (toOffline.isEmpty()) {
            if (headers) {
                out.println("'No action'");
            }
            saveCommands(showCmds, "echo Nothing to do", out, err);
            save(o.saveCluster, "squeezed", "after hsqueeze doing nothing", ini, out, err);
            return 0;
        }
        Squeeze.Balanced fin = sq.onlineOffline(true, toOffline, conf);
        if (headers) {
            out.println("'Nodes to offline'");
        }
        toOffline.forEach(n -> out.println(n.name));
        List<List<MoveJob>> jobs = Solution.splitJobs(fin.moves());
        StringBuilder cmd = new StringBuilder(Solution.formatCmds(jobs));
        cmd.append("\necho Tagging Commands\n");
        toOffline.forEach(n -> cmd.append("  gnt-node add-tags ").append(n.alias).append(' ')
                .append(Squeeze.STANDBY_AUTO).append('\n'));
        cmd.append("\necho Power Commands\n");
        toOffline.forEach(n -> cmd.append("  gnt-node power -f off ").append(n.alias).append('\n'));
        saveCommands(showCmds, cmd.toString(), out, err);
        List<List<List<Map<String, Object>>>> sets = new ArrayList<>(moves(jobs, conf));
        for (Node n : toOffline) {
            Map<String, Object> tag = new LinkedHashMap<>();
            tag.put("OP_ID", "OP_TAGS_SET");
            tag.put("kind", "node");
            tag.put("tags", List.of(Squeeze.STANDBY_AUTO));
            tag.put("name", n.name);
            sets.add(List.of(List.of(tag)));
        }
        sets.add(List.of(power(toOffline, true)));
        int rc = maybeExec(o, p, sets, out, err);
        if (rc != 0) {
            return rc;
        }
        save(o.saveCluster, "squeezed", "after hsqueeze run", state(ini, fin.conf()), out, err);
        return 0;
    }

    private static String names(List<Node> nl) {
        List<String> r = new ArrayList<>();
        nl.forEach(n -> r.add(n.name));
        return String.join(",", r);
    }

    private static ClusterData state(ClusterData ini, Squeeze.Conf c) {
        return ini.withState(new ArrayList<>(Arrays.asList(c.nl())), new ArrayList<>(Arrays.asList(c.il())));
    }

    /** Ganeti's maybeExecJobs: with {@code -X} the job sets run in order (only over LUXI, {@code -L}). */
    private static int maybeExec(Options o, OptionParser p, List<List<List<Map<String, Object>>>> sets,
            PrintStream out, PrintStream err) throws HtoolsException {
        if (!p.has("exec")) {
            return 0;
        }
        if (o.luxi == null) {
            throw new HtoolsException("hsqueeze: Execution of commands possible only on LUXI");
        }
        return ExecJobs.run(ExecJobs.sink("hsqueeze", null), sets, out, err);
    }

    /** Ganeti's getMoveOpCodes: one job set per set of moves, each move one job (iMoveToJob). */
    private static List<List<List<Map<String, Object>>>> moves(List<List<MoveJob>> jobSets, Squeeze.Conf ini) {
        List<List<List<Map<String, Object>>>> out = new ArrayList<>();
        for (List<MoveJob> set : jobSets) {
            List<List<Map<String, Object>>> jobs = new ArrayList<>();
            for (MoveJob j : set) {
                jobs.add(ExecJobs.opcodes(ini.il()[j.inst()], j.move(), ini.nl()));
            }
            out.add(jobs);
        }
        return out;
    }

    /**
     * Ganeti's genPowerOffOpCodes/genPowerOnOpCodes: one job marking each node offline (or online), then the
     * out-of-band power command for all of them.
     */
    private static List<Map<String, Object>> power(List<Node> nodes, boolean off) {
        List<Map<String, Object>> job = new ArrayList<>();
        for (Node n : nodes) {
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("OP_ID", "OP_NODE_SET_PARAMS");
            set.put("node_name", n.name);
            set.put("force", false);
            set.put("offline", off);
            set.put("auto_promote", false);
            job.add(set);
        }
        Map<String, Object> oob = new LinkedHashMap<>();
        oob.put("OP_ID", "OP_OOB_COMMAND");
        oob.put("node_names", nodes.stream().map(n -> n.name).toList());
        oob.put("command", off ? "power-off" : "power-on");
        oob.put("timeout", 60);
        oob.put("ignore_status", false);
        oob.put("power_delay", 2.0);
        job.add(oob);
        return job;
    }

    /** Ganeti's maybeSaveData: the cluster state in text format into PATH.EXT. */
    private static void save(String path, String ext, String msg, ClusterData cd, PrintStream out, PrintStream err) {
        if (path == null) {
            return;
        }
        String file = path + "." + ext;
        write(file, TextWriter.serialize(cd), out, err);
        err.println("The cluster state " + msg + " has been written to file '" + file + "'");
    }

    /** Writes a file; a failure ends the tool like Ganeti's uncaught IO errors. */
    private static void write(String file, String text, PrintStream out, PrintStream err) {
        try {
            Files.writeString(Path.of(file), text, StandardCharsets.UTF_8);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            String why;
            if (Files.isDirectory(Path.of(file))) {
                why = "inappropriate type (Is a directory)";
            } else if (e instanceof java.nio.file.NoSuchFileException) {
                why = "does not exist (No such file or directory)";
            } else if (e instanceof java.nio.file.AccessDeniedException) {
                why = "permission denied (Permission denied)";
            } else {
                why = "failed (" + e.getMessage() + ")";
            }
            out.flush();
            err.println("hsqueeze: " + file + ": openFile: " + why);
            throw new ExitException(1);
        }
    }

    /** Haskell's lines: no trailing empty line for a final newline. */
    private static List<String> lines(String s) {
        List<String> r = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        if (!r.isEmpty() && r.get(r.size() - 1).isEmpty()) {
            r.remove(r.size() - 1);
        }
        return r;
    }

    /** Ganeti's maybeSaveCommands with the message "Commands to run:". */
    private static void saveCommands(String showCmds, String cmds, PrintStream out, PrintStream err) {
        if (showCmds == null) {
            return;
        }
        if (showCmds.equals("-")) {
            out.println();
            out.println("Commands to run:");
            StringBuilder b = new StringBuilder();
            for (String l : lines(cmds)) {
                if (!l.equals("  check")) {
                    b.append("  ").append(l).append('\n');
                }
            }
            out.print(b);
            return;
        }
        write(showCmds, Solution.SH_TEMPLATE + cmds, out, err);
        out.println("The commands have been written to file '" + showCmds + "'");
    }
}
