package org.garnet.htools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.garnet.htools.ToolRunner;
import org.junit.jupiter.api.Test;

/** Garnet's {@code hspace --explain}: after each allocation mode, every node's reason for refusing one more. */
class HspaceExplainTest {
    private static final String SIM = "--simulate=p,4,34052480,65523,24";

    @Test
    void eachModeEndsWithTheReasonOfEveryNode() {
        ToolRunner.Result r = ToolRunner.garnet("hspace", SIM, "--disk-template=drbd",
                "--tiered-alloc=1048576,1024,8", "--explain");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.err().contains("Explanation for one more instance after the tiered allocation (drbd, 1024 MB "
                + "memory, 1048576 MB disk, 7 vcpus, 2 node(s)):\n"
                + "  node-01-001: refused as primary: vcpu ratio: 103 vcpus on 24.0 cpus = 4.29, above the maximum 4.0\n"),
                r.err());
        assertTrue(r.err().contains("Explanation for one more instance after the standard allocation (drbd, 128 MB "
                + "memory, 1024 MB disk, 1 vcpus, 2 node(s)):\n"), r.err());
        assertEquals(4, r.err().split("refused as primary: spindle ratio: would use 33.0 spindles, limit 32.0",
                -1).length - 1, r.err());
        // the report is only added: standard output is what it is without --explain
        ToolRunner.Result plain = ToolRunner.garnet("hspace", SIM, "--disk-template=drbd",
                "--tiered-alloc=1048576,1024,8");
        assertEquals(plain.out(), r.out());
        assertEquals("", plain.err());
    }

    @Test
    void theGlobalCapacityCheckIsNamed() {
        ToolRunner.Result r = ToolRunner.garnet("hspace", SIM, "--disk-template=plain", "--explain");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.err().contains("node-01-001: refused: global N+1: with the instance here, node node-01-001 "
                + "could no longer be evacuated if it failed\n"), r.err());
        assertTrue(r.err().contains("node-01-003: refused: memory: needs 32704 MB, 51 MB free (short by 32653 MB)\n"),
                r.err());
        assertTrue(ToolRunner.garnet("hspace", "--help").out().contains("--explain"));
    }
}
