package org.garnet.htools.hsqueeze;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.garnet.htools.algo.Metrics;
import org.garnet.htools.hbal.BalanceOptions;
import org.garnet.htools.hbal.Balancer;
import org.garnet.htools.hbal.MoveJob;
import org.garnet.htools.hbal.Placement;
import org.garnet.htools.hbal.Table;
import org.garnet.htools.model.DiskTemplate;
import org.garnet.htools.model.ISpec;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.InstanceStatus;
import org.garnet.htools.model.Node;

/**
 * The node-freeing scheduler behind hsqueeze: which nodes can be taken offline (or must be brought back online)
 * so that every node keeps room for a reference instance, with the cluster rebalanced after each change.
 */
public final class Squeeze implements AutoCloseable {
    /** Tag marking nodes put on standby by hsqueeze; nodes with a tag of the prefix are online candidates. */
    public static final String STANDBY_PREFIX = "htools:standby:";
    public static final String STANDBY_AUTO = STANDBY_PREFIX + "auto";

    /** A configuration: nodes and instances, indexed by idx. */
    public record Conf(Node[] nl, Instance[] il) {
    }

    /** A configuration reached by balancing, and the moves (in execution order) that lead there. */
    public record Balanced(Conf conf, List<MoveJob> moves) {
    }

    private final Balancer balancer;

    public Squeeze() {
        BalanceOptions bo = new BalanceOptions();
        bo.minGain = 0.0;
        bo.minGainLimit = 0.0;
        balancer = new Balancer(bo);
    }

    @Override
    public void close() {
        balancer.close();
    }

    /** The reference instance: {@code factor} times the standard spec, rounded down, on external storage. */
    public static Instance referenceInstance(double factor, ISpec std) {
        return Instance.create("targetInstance", (int) Math.floor(factor * std.memorySize()), 0, null,
                (int) Math.floor(factor * std.cpuCount()), InstanceStatus.RUNNING, List.of(), false, -1, -1,
                DiskTemplate.EXT, (int) Math.floor(factor * std.spindleUse()), false);
    }

    public static boolean hasStandbyTag(Node n) {
        return n.nTags.stream().anyMatch(t -> t.startsWith(STANDBY_PREFIX));
    }

    /** Online non-master nodes without secondaries whose primaries all use external storage, most primaries first. */
    public static List<Node> offlineCandidates(Conf c) {
        List<Node> r = new ArrayList<>();
        for (Node n : c.nl()) {
            if (n.offline || n.isMaster || n.sList.toArray().length > 0) {
                continue;
            }
            boolean external = true;
            for (int i : n.pList.toArray()) {
                external &= !c.il()[i].usesLocalStorage();
            }
            if (external) {
                r.add(n);
            }
        }
        r.sort((a, b) -> Integer.compare(b.pList.toArray().length, a.pList.toArray().length));
        return r;
    }

    /** Offline nodes carrying a standby tag. */
    public static List<Node> onlineCandidates(Conf c) {
        List<Node> r = new ArrayList<>();
        for (Node n : c.nl()) {
            if (n.offline && hasStandbyTag(n)) {
                r.add(n);
            }
        }
        return r;
    }

    /** Whether every node could additionally host {@code inst} as a primary. */
    public static boolean allNodesCapacityFor(Instance inst, Conf c) {
        for (Node n : c.nl()) {
            if (n.addPri(inst).failed()) {
                return false;
            }
        }
        return true;
    }

    static boolean allInstancesOnOnlineNodes(Conf c) {
        for (Instance i : c.il()) {
            if (c.nl()[i.pNode].offline) {
                return false;
            }
        }
        return true;
    }

    /** Balances until no move improves the score (any improvement counts). */
    public Balanced balance(Conf c) {
        int[] allNodes = new int[c.nl().length];
        Arrays.setAll(allNodes, k -> k);
        int[] allInsts = new int[c.il().length];
        Arrays.setAll(allInsts, k -> k);
        Table t = new Table(c.nl(), c.il(), allNodes, allInsts, Metrics.compCV(Arrays.asList(c.nl())), List.of());
        List<MoveJob> moves = new ArrayList<>();
        while (true) {
            Table next = balancer.tryBalance(t);
            if (next == null) {
                break;
            }
            Placement plc = next.placements.get(next.placements.size() - 1);
            moves.add(moveJob(t, next, plc));
            t = next;
        }
        return new Balanced(new Conf(t.nodes, t.instances), moves);
    }

    private static MoveJob moveJob(Table before, Table after, Placement plc) {
        Instance inst = before.instances[plc.inst()];
        Set<Integer> affected = new LinkedHashSet<>();
        for (int n : new int[] {plc.pdx(), plc.sdx(), inst.pNode, inst.sNode}) {
            if (n >= 0) {
                affected.add(n);
            }
        }
        String np = after.nodes[plc.pdx()].alias;
        String ns = plc.sdx() >= 0 ? after.nodes[plc.sdx()].alias : "";
        return new MoveJob(new ArrayList<>(affected), plc.inst(), plc.move(), MoveCmds.of(inst, plc.move(), np, ns));
    }

    /** Marks the nodes offline (or online) and rebalances. */
    public Balanced onlineOffline(boolean offline, List<Node> nodes, Conf c) {
        Node[] nl = c.nl().clone();
        for (Node n : nodes) {
            Node m = nl[n.idx].copy();
            m.offline = offline;
            nl[n.idx] = m;
        }
        return balance(new Conf(nl, c.il()));
    }

    private boolean canOnlineOffline(boolean offline, Instance inst, Conf c, List<Node> nodes) {
        Conf fin = onlineOffline(offline, nodes, c).conf();
        return allInstancesOnOnlineNodes(fin) && allNodesCapacityFor(inst, fin);
    }

    /** Greedily, starting from the last candidate, the nodes that can be offlined together keeping the room. */
    public List<Node> greedyOffline(Instance inst, Conf c, List<Node> candidates) {
        List<Node> chosen = new ArrayList<>();
        for (int k = candidates.size() - 1; k >= 0; k--) {
            List<Node> trial = new ArrayList<>();
            trial.add(candidates.get(k));
            trial.addAll(chosen);
            if (canOnlineOffline(true, inst, c, trial)) {
                chosen = trial;
            }
        }
        return chosen;
    }

    /** The shortest prefix of the candidates whose onlining gives enough room, or null if none does. */
    public List<Node> tryOnline(Instance inst, Conf c, List<Node> candidates) {
        for (int k = 0; k <= candidates.size(); k++) {
            List<Node> prefix = candidates.subList(0, k);
            if (canOnlineOffline(false, inst, c, prefix)) {
                return new ArrayList<>(prefix);
            }
        }
        return null;
    }
}
