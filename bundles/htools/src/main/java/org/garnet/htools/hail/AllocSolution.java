package org.garnet.htools.hail;

import java.util.ArrayList;
import java.util.List;

import org.garnet.htools.algo.Allocator;
import org.garnet.htools.model.FailMode;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/** Ganeti's (generic) AllocSolution: failure list, success count, best element and log lines. */
public final class AllocSolution {
    /** One placement: the resulting node array, the placed instance, its node indices and its metric. */
    public record Element(Node[] nl, Instance inst, int[] nodes, Score score) {
    }

    public final List<FailMode> failures = new ArrayList<>();
    public int allocs;
    public Element best;
    public List<String> log = new ArrayList<>();

    /** Ganeti's concatAllocs: records a failure or keeps the better of the old and new solutions. */
    public void add(FailMode fail, Element e) {
        if (e == null) {
            failures.add(0, fail);
            return;
        }
        allocs++;
        best = better(best, e);
    }

    static Element better(Element a, Element b) {
        if (b == null) {
            return a;
        }
        if (a == null) {
            return b;
        }
        return a.score.lessThan(b.score) ? a : b;
    }

    /** Ganeti's sumAllocs (b is the per-group/per-primary part). */
    public void sum(AllocSolution b) {
        failures.addAll(0, b.failures);
        allocs += b.allocs;
        best = better(best, b.best);
        List<String> nlog = new ArrayList<>(b.log);
        nlog.addAll(log);
        log = nlog;
    }

    /** Converts the foundation's solution of {@link Allocator#tryAlloc} over {@code nl}. */
    public static AllocSolution from(Allocator.Solution s, Node[] nl) {
        AllocSolution r = new AllocSolution();
        FailMode[] modes = FailMode.values();
        for (int k = 0; k < modes.length; k++) {
            for (int n = 0; n < s.failCount[k]; n++) {
                r.failures.add(modes[k]);
            }
        }
        r.allocs = s.allocs;
        if (s.best != null) {
            Allocator.Element e = s.best;
            int[] nodes = e.sdx >= 0 ? new int[] {e.pdx, e.sdx} : new int[] {e.pdx};
            r.best = new Element(e.apply(nl), e.inst, nodes, Score.of(e.score));
        }
        return r;
    }

    /** Counts per failure mode, in FailMode order. */
    public int[] failureCounts() {
        int[] c = new int[FailMode.values().length];
        for (FailMode f : failures) {
            c[f.ordinal()]++;
        }
        return c;
    }

    /** Ganeti's genericDescribeSolution. */
    public String describe() {
        int[] c = failureCounts();
        List<String> parts = new ArrayList<>();
        for (FailMode f : FailMode.values()) {
            if (c[f.ordinal()] > 0) {
                parts.add(f.name() + ": " + c[f.ordinal()]);
            }
        }
        String freasons = String.join(", ", parts);
        if (best == null) {
            return "No valid allocation solutions, failure reasons: "
                    + (failures.isEmpty() ? "unknown reasons" : freasons);
        }
        List<String> names = new ArrayList<>();
        for (int n : best.nodes) {
            names.add(best.nl[n].name);
        }
        return "score: " + best.score.text() + ", successes " + allocs + ", failures " + failures.size() + " ("
                + freasons + ") for node(s) " + String.join("/", names);
    }

    /** Ganeti's annotateSolution: prepends the description to the log. */
    public AllocSolution annotate() {
        log.add(0, describe());
        return this;
    }

    /** The node list after the allocation with the new instance's index fixed (Ganeti's extractNl). */
    public Node[] extractNl(Node[] nl, int newIndex) {
        if (best == null) {
            return nl;
        }
        Node[] r = best.nl.clone();
        for (int n : best.nodes) {
            Node c = r[n].copy();
            c.pList = c.pList.map(i -> i < 0 ? newIndex : i);
            c.sList = c.sList.map(i -> i < 0 ? newIndex : i);
            r[n] = c;
        }
        return r;
    }
}
