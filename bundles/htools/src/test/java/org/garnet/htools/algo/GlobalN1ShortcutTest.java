package org.garnet.htools.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.garnet.htools.hbal.ClusterGenerator;
import org.garnet.htools.loader.ClusterMerger;
import org.garnet.htools.loader.TextLoader;
import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.DiskTemplate;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.InstanceStatus;
import org.garnet.htools.model.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The global N+1 check's shortcuts (memoised DRBD-only outcomes, the escape-capacity bounds, checking only the
 * nodes a candidate can affect) give the answers of Ganeti's step-by-step evacuation, on seeded random clusters
 * (mixed templates, groups, offline nodes, stopped instances) and on many candidate placements each.
 */
class GlobalN1ShortcutTest {
    @AfterEach
    void restore() {
        GlobalN1.shortcuts = true;
    }

    private static ClusterData cluster(long seed, int nodes, int insts, int groups) throws Exception {
        String text = new ClusterGenerator(seed).generate(nodes, insts, groups, false);
        if (seed % 2 == 0) {
            // every other cluster without DRBD: its nodes' evacuations are all re-creations
            text = text.replaceAll("\\|(node-\\d+)\\|node-\\d+\\|drbd\\|", "|$1||plain|");
        }
        ClusterData cd = TextLoader.parse(text);
        cd = ClusterMerger.merge(cd, List.of(), List.of(), List.of());
        List<Node> nl = new ArrayList<>(cd.nodes);
        ClusterMerger.updateMissing(nl, cd.instances);
        return cd.withState(nl, cd.instances);
    }

    private static boolean exact(java.util.function.BooleanSupplier s) {
        GlobalN1.shortcuts = false;
        try {
            return s.getAsBoolean();
        } finally {
            GlobalN1.shortcuts = true;
        }
    }

    @Test
    void everyNodeAndTheWholeClusterAnswerAsThePlacingDoes() throws Exception {
        int decidedOk = 0;
        int decidedFail = 0;
        int[] verdicts = new int[EscapeCapacity.Verdict.values().length];
        for (long seed = 1; seed <= 200; seed++) {
            int nodes = 4 + (int) (seed % 23);
            ClusterData cd = cluster(seed, nodes, (int) (nodes * (2 + seed % 9)), 1 + (int) (seed % 3));
            Node[] nl = cd.nodes.toArray(new Node[0]);
            List<Instance> il = cd.instances;
            for (Node n : nl) {
                boolean want = exact(() -> GlobalN1.canEvacuateNode(nl, il, null, n));
                boolean got = GlobalN1.canEvacuateNode(nl, il, null, n);
                assertEquals(want, got, "seed " + seed + " node " + n.name);
                if (want) {
                    decidedOk++;
                } else {
                    decidedFail++;
                }
                EvacPlan plan = EvacPlan.of(n, il);
                if (plan.recreateOnly()) {
                    EscapeCapacity.Verdict v = new EscapeCapacity(nl, null).verdict(n, plan);
                    verdicts[v.ordinal()]++;
                    if (v != EscapeCapacity.Verdict.PLACE) {
                        assertEquals(want, v == EscapeCapacity.Verdict.OK, "seed " + seed + " bound " + n.name);
                    }
                }
                // a second time, from the memo
                assertEquals(want, GlobalN1.canEvacuateNode(nl, il, null, n), "seed " + seed + " memo " + n.name);
            }
            AlgOptions o = new AlgOptions();
            assertEquals(exact(() -> GlobalN1.redundant(o, nl, il, null)), GlobalN1.redundant(o, nl, il, null),
                    "seed " + seed);
        }
        assertTrue(decidedOk > 50 && decidedFail > 50, "both outcomes exercised: " + decidedOk + "/" + decidedFail);
        for (int v : verdicts) {
            assertTrue(v > 10, "every bound verdict exercised: " + java.util.Arrays.toString(verdicts));
        }
    }

    @Test
    void candidatePlacementsAnswerAsTheFullCheckOnTheChangedCluster() throws Exception {
        int passed = 0;
        int refused = 0;
        Random r = new Random(7);
        for (long seed = 100; seed < 130; seed++) {
            int nodes = 5 + (int) (seed % 17);
            ClusterData cd = cluster(seed, nodes, nodes * (3 + (int) (seed % 6)), 1 + (int) (seed % 2));
            Node[] nl = cd.nodes.toArray(new Node[0]);
            List<Instance> il = cd.instances;
            AlgOptions o = new AlgOptions();
            Allocator.Pred fast = Allocator.capacityCheck(o, nl, null, il);
            for (int k = 0; k < 40; k++) {
                DiskTemplate dt = r.nextBoolean() ? DiskTemplate.DRBD : DiskTemplate.PLAIN;
                Instance inst = Instance.create("new", 512 * (1 + r.nextInt(16)), 1024 * (10 + r.nextInt(400)),
                        null, 1 + r.nextInt(4), InstanceStatus.RUNNING, List.of(), true, -1, -1, dt, 1, false);
                inst.idx = il.size();
                int p = r.nextInt(nl.length);
                int s = (p + 1 + r.nextInt(nl.length - 1)) % nl.length;
                Node np = nl[p].addPriEx(true, inst.withSecondary(dt == DiskTemplate.DRBD ? s : -1));
                if (np.failed()) {
                    continue;
                }
                Node ns = null;
                Instance placed = inst.copy();
                placed.pNode = p;
                placed.sNode = -1;
                if (dt == DiskTemplate.DRBD) {
                    if (nl[s].group != nl[p].group) {
                        continue;
                    }
                    placed.sNode = s;
                    ns = nl[s].addSec(placed, p);
                    if (ns.failed()) {
                        continue;
                    }
                }
                Allocator.Element e = new Allocator.Element(p, placed.sNode, np, ns, placed, 0);
                boolean want = exact(() -> Allocator.capacityCheck(o, nl, null, il).ok(e));
                assertEquals(want, fast.ok(e), "seed " + seed + " candidate " + k);
                if (want) {
                    passed++;
                } else {
                    refused++;
                }
            }
        }
        assertTrue(passed > 20 && refused > 20, "both outcomes exercised: " + passed + "/" + refused);
    }
}
