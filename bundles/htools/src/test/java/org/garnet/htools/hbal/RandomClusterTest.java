package org.garnet.htools.hbal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seeded random clusters (4 to 200 nodes, several groups, tags, offline nodes, all instance kinds): Garnet's hbal
 * ends with a score no worse than Ganeti's, and in fact prints the same solution.
 */
class RandomClusterTest {
    @ParameterizedTest(name = "seed {0}: {1} nodes, {2} instances, {3} groups, tags {4}, opts [{5}]")
    @CsvSource(delimiter = ';', value = {
        "1; 4; 12; 1; true; ''",
        "2; 6; 30; 1; false; --no-instance-moves",
        "3; 9; 40; 2; true; -G group-02",
        "4; 12; 60; 1; false; --evac-mode",
        "5; 16; 90; 3; true; -G group-01 --restricted-migration",
        "6; 20; 100; 1; true; --ignore-soft-errors -l 8",
        "7; 25; 120; 2; false; -G group-02 --no-disk-moves",
        "8; 30; 150; 1; true; -O node-003 -O node-007 -l 8",
        "9; 40; 160; 1; false; --min-gain 0.5 --min-gain-limit 40",
        "10; 60; 200; 1; true; -l 6",
        "11; 200; 250; 1; false; -l 1",
    })
    void notWorseThanGaneti(long seed, int nodes, int insts, int groups, boolean tags, String opts) throws Exception {
        assumeTrue(Oracle.ganetiAvailable(), "Ganeti's hbal is not installed");
        Path f = Files.createTempFile("hbal-random", ".data");
        try {
            Files.writeString(f, new ClusterGenerator(seed).generate(nodes, insts, groups, tags));
            String all = "-t " + f + (opts.isEmpty() ? "" : " " + opts);
            String[] args = all.split(" ");
            Oracle.Run want = Oracle.ganeti(args);
            Oracle.Run got = Oracle.garnet(args);
            assertEquals(0, want.rc(), want.err());
            assertEquals(0, got.rc(), got.err());
            double g = Oracle.finalScore(got.out());
            double w = Oracle.finalScore(want.out());
            assertFalse(Double.isNaN(g), got.out());
            assertTrue(g <= w, "Garnet's score " + g + " is worse than Ganeti's " + w);
            assertEquals(want.out(), got.out());
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
