package org.garnet.htools.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.garnet.htools.algo.AlgOptions;
import org.garnet.htools.hail.Explain;
import org.garnet.htools.hail.Outcome;
import org.garnet.htools.iallocator.Request;
import org.garnet.htools.iallocator.RequestParser;
import org.garnet.htools.iallocator.RequestShow;
import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.Node;

/**
 * {@code hail}: Ganeti's IAllocator plugin. Reads a request file ("-" for stdin), prints the answer. Garnet adds
 * {@code --explain}: per-node refusal reasons on standard error, and in the info of failed allocations.
 */
public final class Hail extends HTool {
    /** Input of the tool's standard input ("-"), replaceable for in-process use. */
    private final java.io.InputStream stdin;

    public Hail() {
        this(System.in);
    }

    public Hail(java.io.InputStream stdin) {
        super("hail");
        this.stdin = stdin;
    }

    @Override
    protected OptionSpec spec() {
        return super.spec().withFlag("explain", "explain per node why it was refused");
    }

    @Override
    protected boolean takesArguments() {
        return true;
    }

    @Override
    protected int main(Options o, PrintStream out, PrintStream err) throws HtoolsException {
        try {
            return answer(o, out, err);
        } catch (HTool.ExitException e) {
            throw e;
        } catch (RuntimeException e) {
            // never a Java stack trace: report like Ganeti's uncaught errors
            out.flush();
            err.println("hail: internal error: " + e);
            return 1;
        }
    }

    private String readInput(String path) throws IOException {
        if (path.equals("-")) {
            return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        }
        return Files.readString(Path.of(path), StandardCharsets.UTF_8);
    }

    private int answer(Options o, PrintStream out, PrintStream err) throws HtoolsException {
        List<String> args = o.raw.args;
        if (args.isEmpty()) {
            throw new HtoolsException("This program needs an input file.");
        }
        if (args.size() > 1) {
            throw new HtoolsException("Only one argument is accepted (the input file)");
        }
        String body;
        try {
            body = readInput(args.get(0));
        } catch (NoSuchFileException e) {
            err.println("hail: " + args.get(0) + ": openFile: does not exist (No such file or directory)");
            return 1;
        } catch (IOException e) {
            err.println("hail: " + args.get(0) + ": openFile: " + e.getMessage());
            return 1;
        }
        Request r = RequestParser.parse(body, o.staticKvmNodeMemory);
        Cluster.printWarnings(r.warnings, err);
        if (o.dataFile != null || !o.simulate.isEmpty()) {
            r.cluster = Cluster.load(o, err);
        } else if (o.monD) {
            r.cluster = MonD.query(o, r.cluster, err, new boolean[] {true});
        }
        ClusterData cd = r.cluster;
        if (o.verbose > 1) {
            err.println("Received request: " + RequestShow.show(r));
        }
        if (o.verbose > 2) {
            err.println("Received cluster data: " + org.garnet.htools.iallocator.ClusterShow.show(cd, r.nicNetworks));
        }
        boolean dedicated = r.isAllocation()
                && org.garnet.htools.hail.Dedicated.isDedicated(cd, r.allocationGroup());
        if (o.verbose > 1 && dedicated) {
            err.println("Allocation on a dedicated cluster; using lost-allocations metrics.");
        }
        Cluster.maybePrintNodes(o.printNodes, "Initial cluster", cd.nodes, err);
        Cluster.maybeSave(o.saveCluster, "pre-ialloc", "before iallocator run", cd, err);
        AlgOptions alg = new AlgOptions();
        alg.ignoreSoftErrors = o.raw.has("ignore-soft-errors");
        alg.capacity = o.capacityChecks;
        List<String> restrict = o.raw.has("restrict-allocation-to")
                ? org.garnet.htools.loader.TextLoader.split(o.raw.last("restrict-allocation-to"), ',') : null;
        boolean explain = o.raw.has("explain");
        if (explain) {
            err.print(Explain.report(alg, r, restrict));
        }
        Outcome res = org.garnet.htools.hail.Hail.process(alg, restrict, r, explain);
        out.println(res.toJson());
        List<Node> finNl = res.nl() == null ? cd.nodes : Arrays.asList(res.nl());
        Cluster.maybePrintNodes(o.printNodes, "Final cluster", finNl, err);
        Cluster.maybeSave(o.saveCluster, "post-ialloc", "after iallocator run",
                res.nl() == null ? cd : cd.withState(finNl, saveOrder(r, res.il())), err);
        return 0;
    }

    /**
     * Instance order of the saved state: Ganeti files a newly allocated instance under index -1, so it is written
     * first (only the file order changes; the text format refers to nodes by name).
     */
    private static List<org.garnet.htools.model.Instance> saveOrder(Request r,
            List<org.garnet.htools.model.Instance> il) {
        if (r.type != Request.Type.ALLOCATE || il.size() <= r.cluster.instances.size()) {
            return il;
        }
        List<org.garnet.htools.model.Instance> l = new java.util.ArrayList<>(il);
        l.add(0, l.remove(l.size() - 1));
        return l;
    }
}
