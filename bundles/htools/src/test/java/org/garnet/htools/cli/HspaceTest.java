package org.garnet.htools.cli;

import static org.garnet.htools.ToolRunner.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashMap;
import java.util.Map;

import org.garnet.htools.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HspaceTest {
    private static Map<String, String> keys(String out) {
        Map<String, String> m = new HashMap<>();
        for (String l : out.split("\n")) {
            int eq = l.indexOf('=');
            if (eq > 0) {
                m.put(l.substring(0, eq), l.substring(eq + 1).replace("'", ""));
            }
        }
        return m;
    }

    /** The vectors of Ganeti's htools-hspace.test. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "hspace-tiered.data;131072,1048576,4,12=4 129984,1048320,4,12=2;6",
        "hspace-tiered-dualspec.data;131072,1048576,4,12=4 129984,1048320,4,12=2 65472,524288,2,12=2;14",
        "hspace-tiered-exclusive.data;131072,1048576,4,10=1 131072,1048576,4,9=1 131072,1048576,4,8=2;6",
        "hspace-tiered-mixed.data;131072,1048576,4,12=2 131072,1048576,4,10=2 129984,1048320,4,10=2;6"})
    void tieredSpecs(String file, String tspec, String count) {
        ToolRunner.Result r = ToolRunner.garnet("hspace", "--machine-readable", "-t", data(file),
                "--no-capacity-checks");
        assertEquals(0, r.rc(), r.err());
        Map<String, String> k = keys(r.out());
        assertEquals(tspec, k.get("HTS_TSPEC"));
        assertEquals(count, k.get("HTS_ALLOC_INSTANCES"));
        assertEquals("1", k.get("HTS_OK"));
    }

    @Test
    void overfullGroupAllocatesNothingUnlessAccepted() {
        assertTrue(ToolRunner.garnet("hspace", "-t", data("hspace-groups-one.data")).out()
                .contains(" 0 instances allocated"));
        assertTrue(ToolRunner.garnet("hspace", "--accept-existing", "-t", data("hspace-groups-one.data")).out()
                .contains(" 2 instances allocated"));
        assertTrue(ToolRunner.garnet("hspace", "-v", "-v", "-v", "-t", data("hspace-bad-group.data")).err()
                .contains("Bad groups: [\"group-bad\"]"));
    }

    @Test
    void rejectsArgumentsAndBadSpecs() {
        ToolRunner.Result r = ToolRunner.garnet("hspace", "unexpected-argument");
        assertEquals(1, r.rc());
        assertEquals("Error: This program doesn't take any arguments.\n", r.err());
        r = ToolRunner.garnet("hspace", "--simu", "p,1,1,1");
        assertEquals(1, r.rc());
        assertTrue(r.err().startsWith("Error: failed to load data, aborting: Invalid cluster specification"));
        assertEquals(2, ToolRunner.garnet("hspace", "--no-such-option").rc());
    }

    /** Byte-for-byte identical to Ganeti's hspace on simulated clusters (when Ganeti is installed). */
    @ParameterizedTest
    @CsvSource({"drbd,10", "plain,10", "drbd,5", "plain,4"})
    void identicalToGaneti(String template, int nodes) throws Exception {
        assumeTrue(ToolRunner.ganetiAvailable("hspace"));
        String[] args = {"--simulate=p," + nodes + ",34052480,65523,24", "--disk-template=" + template,
            "--tiered-alloc=1048576,1024,8"};
        ToolRunner.Result g = ToolRunner.ganeti("hspace", args);
        ToolRunner.Result j = ToolRunner.garnet("hspace", args);
        assertEquals(g.out(), j.out());
        String[] mr = {"--machine-readable", "-t", data("hspace-tiered-ipolicy.data")};
        assertEquals(ToolRunner.ganeti("hspace", mr).out(), ToolRunner.garnet("hspace", mr).out());
    }
}
