package org.garnet.htools.hbal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/** Ganeti's iterateDepth: balancing rounds until no improvement, the length cap or the target score. */
public record HbalRun(Table table, List<MoveJob> jobs) {

    /** Ganeti's doNextBalance. */
    static boolean doNext(Table t, int maxRounds, double minScore) {
        return (maxRounds < 0 || t.placements.size() < maxRounds) && t.score > minScore;
    }

    /**
     * Runs the rounds, handing each step line to {@code printer} as soon as it is found. The jobs are in execution
     * order.
     */
    public static HbalRun iterate(Balancer b, Table ini, int maxRounds, double minScore, int nmlen, int imlen,
            Consumer<String> printer) {
        Table t = ini;
        List<MoveJob> jobs = new ArrayList<>();
        while (doNext(t, maxRounds, minScore)) {
            Table next = b.tryBalance(t);
            if (next == null) {
                break;
            }
            Placement plc = next.placements.get(next.placements.size() - 1);
            Node[] nl = t.nodes;
            Instance[] il = t.instances;
            List<String> cmds = new ArrayList<>();
            String line = Solution.line(nl, il, nmlen, imlen, plc, next.placements.size(), cmds);
            jobs.add(new MoveJob(Solution.involvedNodes(il[plc.inst()], plc), plc.inst(), plc.move(), cmds));
            printer.accept(line);
            t = next;
        }
        return new HbalRun(t, jobs);
    }
}
