package org.garnet.release.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The swap's decisions over a container that does what each case needs (Karaf's is in upgrade-test). */
class SwapTest {
    /** A node whose releases come up unless named in {@code broken}; {@code refused}: Karaf will not install. */
    static final class Node implements Swap.Container {
        String running;
        final Set<String> broken;
        final Set<String> refused;
        final List<String> installs = new ArrayList<>();
        long now;

        Node(String running, Set<String> broken, Set<String> refused) {
            this.running = running;
            this.broken = broken;
            this.refused = refused;
        }

        @Override
        public String running() {
            return running;
        }

        @Override
        public void install(String version) throws Exception {
            installs.add(version);
            if (refused.contains(version)) {
                throw new Exception("Unable to resolve root: missing requirement");
            }
            running = version;
        }

        @Override
        public List<String> notUp(String version) {
            return !version.equals(running) ? List.of("not installed")
                    : broken.contains(version) ? List.of("org.garnet.core " + version + " is not active") : List.of();
        }

        @Override
        public void pause() {
            now += 1_000_000_000L;
        }

        @Override
        public long nanoTime() {
            return now;
        }
    }

    @Test
    void aReleaseThatComesUpStays() throws Exception {
        Node n = new Node("0.1.0", Set.of(), Set.of());
        Swap.Outcome o = new Swap(n, Duration.ofSeconds(5)).run("0.1.0", "0.2.0");
        assertEquals(Swap.Outcome.DONE, o.state());
        assertEquals(List.of("0.2.0"), n.installs);
    }

    @Test
    void aReleaseThatDoesNotComeUpIsTakenBackAfterTheBound() throws Exception {
        Node n = new Node("0.1.0", Set.of("0.2.0"), Set.of());
        Swap.Outcome o = new Swap(n, Duration.ofSeconds(5)).run("0.1.0", "0.2.0");
        assertEquals(Swap.Outcome.ROLLED_BACK, o.state());
        assertEquals(List.of("0.2.0", "0.1.0"), n.installs);
        assertEquals("0.1.0", n.running);
        assertTrue(n.now >= 5_000_000_000L, "waited the bound: " + n.now);
        assertEquals("release 0.2.0 did not come up within 5 s: org.garnet.core 0.2.0 is not active; release 0.1.0 "
                + "installed again and running", o.message());
    }

    @Test
    void aSetKarafRefusesLeavesTheOldOneAsItWas() throws Exception {
        Node n = new Node("0.1.0", Set.of(), Set.of("0.2.0"));
        Swap.Outcome o = new Swap(n, Duration.ofSeconds(5)).run("0.1.0", "0.2.0");
        assertEquals(Swap.Outcome.FAILED, o.state());
        assertEquals(List.of("0.2.0"), n.installs, "nothing installed again: nothing changed");
        assertEquals("Karaf could not install release 0.2.0: Unable to resolve root: missing requirement; release "
                + "0.1.0 still runs, unchanged", o.message());
    }

    @Test
    void aSwapFoundUnderWayIsFinishedWhenTheNewReleaseIsUpOrTakenBack() throws Exception {
        Node up = new Node("0.2.0", Set.of(), Set.of());
        assertEquals(Swap.Outcome.DONE, new Swap(up, Duration.ofSeconds(5)).resume("0.1.0", "0.2.0").state());
        assertEquals(List.of(), up.installs);
        Node down = new Node("0.2.0", Set.of("0.2.0"), Set.of());
        assertEquals(Swap.Outcome.ROLLED_BACK, new Swap(down, Duration.ofSeconds(5)).resume("0.1.0", "0.2.0")
                .state());
        assertEquals(List.of("0.1.0"), down.installs);
        Node before = new Node("0.1.0", Set.of(), Set.of());
        assertEquals(Swap.Outcome.DONE, new Swap(before, Duration.ofSeconds(5)).resume("0.1.0", "0.2.0").state());
        assertEquals(List.of("0.2.0"), before.installs, "the JVM stopped before Karaf swapped: swapped now");
    }
}
