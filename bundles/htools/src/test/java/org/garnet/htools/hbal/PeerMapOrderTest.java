package org.garnet.htools.hbal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.garnet.htools.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peermap node field shows Ganeti's list order: by memory, largest first; among equals, the latest set first. */
class PeerMapOrderTest {
    @TempDir
    Path dir;

    @Test
    void peerMapsPrintInGanetisOrder() throws Exception {
        Path f = dir.resolve("gen6.data");
        Files.writeString(f, new ClusterGenerator(6).generate(12, 60, 1, false));
        ToolRunner.Result r = ToolRunner.garnet("hinfo", "-t", f.toString(), "--print-nodes=name,peermap");
        assertTrue(r.err().contains(" node-000 [(5,3584),(1,3072),(9,0)]"), r.err());
        assertTrue(r.err().contains(" node-002 [(5,7680),(10,3584),(8,2560),(3,2048)]"), r.err());
    }

    @Test
    void identicalToGanetiBeforeAndAfterMoves() throws Exception {
        assumeTrue(ToolRunner.ganetiAvailable("hbal"));
        for (long seed = 1; seed <= 6; seed++) {
            Path f = dir.resolve("gen" + seed + ".data");
            Files.writeString(f, new ClusterGenerator(seed).generate(12, 60, 1, false));
            String[] args = {"-t", f.toString(), "--print-nodes=name,peermap", "-l", "5"};
            ToolRunner.Result g = ToolRunner.ganeti("hbal", args);
            ToolRunner.Result j = ToolRunner.garnet("hbal", args);
            assertEquals(g.out(), j.out(), "seed " + seed);
            assertEquals(g.err(), j.err(), "seed " + seed);
        }
    }
}
