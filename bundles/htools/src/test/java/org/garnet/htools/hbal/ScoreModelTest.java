package org.garnet.htools.hbal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.garnet.htools.algo.Metrics;
import org.garnet.htools.loader.ClusterMerger;
import org.garnet.htools.loader.TextLoader;
import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.DiskTemplate;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The incremental score used by the move search: its exact value equals the full score computation bit for bit,
 * and its lower bound never exceeds it, for every move of every instance of random clusters.
 */
class ScoreModelTest {
    static ClusterData load(String text) throws Exception {
        ClusterData cd = ClusterMerger.merge(TextLoader.parse(text), List.of(), List.of(), List.of());
        List<Node> nl = new ArrayList<>(cd.nodes);
        ClusterMerger.updateMissing(nl, cd.instances);
        return cd.withState(nl, cd.instances);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void exactMatchesFullComputationAndBoundHolds(long seed) throws Exception {
        ClusterData cd = load(new ClusterGenerator(seed).generate(8 + (int) seed, 60, 1, seed % 2 == 0));
        Node[] nl = cd.nodes.toArray(new Node[0]);
        int[] scope = new int[nl.length];
        Arrays.setAll(scope, i -> i);
        ScoreModel sm = new ScoreModel(nl, scope);
        assertEquals(Metrics.compCV(Arrays.asList(nl)), sm.score());
        int checked = 0;
        for (Instance inst : cd.instances) {
            List<IMove> moves = new ArrayList<>();
            if (inst.diskTemplate == DiskTemplate.DRBD) {
                moves.add(IMove.FAILOVER);
            }
            for (int t = 0; t < nl.length; t++) {
                if (t != inst.pNode && t != inst.sNode) {
                    for (IMove.Kind k : IMove.Kind.values()) {
                        if (k != IMove.Kind.FAILOVER && (inst.diskTemplate == DiskTemplate.DRBD)
                                == (k != IMove.Kind.FAILOVER_TO_ANY)) {
                            moves.add(new IMove(k, t));
                        }
                    }
                }
            }
            for (IMove mv : moves) {
                MoveResult r = MoveApplier.apply(true, nl, inst, mv);
                if (r == null) {
                    continue;
                }
                Node[] after = nl.clone();
                r.applyTo(after);
                double full = Metrics.compCV(Arrays.asList(after));
                double[][] nv = sm.changedValues(r);
                assertEquals(full, sm.exact(r, nv), () -> inst.name + " " + mv);
                assertTrue(sm.lowerBound(r, nv) <= full, () -> inst.name + " " + mv);
                checked++;
            }
        }
        assertTrue(checked > 100, "too few moves checked: " + checked);
    }
}
