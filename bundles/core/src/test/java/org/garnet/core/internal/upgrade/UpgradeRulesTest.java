package org.garnet.core.internal.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.garnet.api.model.Node;
import org.junit.jupiter.api.Test;

/** The range an upgrade may go (Ganeti's rules for Garnet's versions) and the batches nodes swap in. */
class UpgradeRulesTest {
    private static int[] v(String s) {
        return ReleaseRange.parse(s).orElseThrow();
    }

    @Test
    void versionsAsReleasesAreNamed() {
        assertEquals(List.of(0, 1, 0), List.of(v("0.1.0-SNAPSHOT")[0], v("0.1.0-SNAPSHOT")[1], v("0.1.0.SNAPSHOT")[2]));
        assertTrue(ReleaseRange.parse("x.y").isEmpty());
        assertTrue(ReleaseRange.parse("1.2").isEmpty());
        assertEquals("0.1.0-SNAPSHOT", ReleaseRange.named("0.1.0.SNAPSHOT"));
        assertEquals("0.2.0", ReleaseRange.named("0.2.0"));
    }

    @Test
    void upAnyMinorDownOneMinorNeverAcrossMajors() {
        assertEquals(Optional.empty(), ReleaseRange.check(v("0.5.0"), v("0.1.0")));
        assertEquals(Optional.empty(), ReleaseRange.check(v("0.1.0-SNAPSHOT"), v("0.2.0")));
        assertEquals(Optional.empty(), ReleaseRange.check(v("0.2.3"), v("0.2.7")));
        assertEquals(Optional.of("can only downgrade one minor version at a time"),
                ReleaseRange.check(v("0.1.0"), v("0.3.0")));
        assertEquals(Optional.of("major version up- or downgrades are not supported"),
                ReleaseRange.check(v("1.0.0"), v("0.9.0")));
        assertTrue(ReleaseRange.down(v("0.1.0"), v("0.2.0")));
        assertTrue(!ReleaseRange.down(v("0.2.0"), v("0.2.0")));
    }

    private static Node node(String name, boolean candidate) {
        return new Node(name, name, 0, 0, 0, "127.0.0.1", "127.0.0.1", "g", candidate, false, false, true, true, null,
                Map.of(), Set.of());
    }

    @Test
    void nodesSwapInBatchesOfAtMostOneCandidate() {
        Node c1 = node("c1", true);
        Node c2 = node("c2", true);
        Node c3 = node("c3", true);
        Node n1 = node("n1", false);
        Node n2 = node("n2", false);
        assertEquals(List.of(List.of(n1, n2, c1), List.of(c2), List.of(c3)),
                UpgradeSteps.batches(List.of(c1, n1, c2, n2, c3)));
        assertEquals(List.of(List.of(n1)), UpgradeSteps.batches(List.of(n1)));
        assertEquals(List.of(), UpgradeSteps.batches(List.of()));
    }
}
