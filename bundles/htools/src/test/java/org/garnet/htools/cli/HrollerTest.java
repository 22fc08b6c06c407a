package org.garnet.htools.cli;

import static org.garnet.htools.ToolRunner.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.garnet.htools.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HrollerTest {
    @Test
    void rebootOrderVectors() {
        ToolRunner.Result r = ToolRunner.garnet("hroller", "--no-headers", "--ignore-non-redundant", "-t",
                data("unique-reboot-order.data"));
        assertEquals("node-01-002\nnode-01-003,node-01-001\n", r.out());
        r = ToolRunner.garnet("hroller", "--no-headers", "--skip-non-redundant", "-t", data("unique-reboot-order.data"));
        assertEquals("node-01-002\n", r.out());
        r = ToolRunner.garnet("hroller", "--skip-non-redundant", "-t", data("hroller-nonredundant.data"));
        assertEquals(1, r.rc());
        assertEquals("Error: Cannot create node graph\n", r.err());
        r = ToolRunner.garnet("hroller", "--full-evacuation", "-t", data("unique-reboot-order.data"));
        assertEquals("Error: Not enough capacity to move secondaries\n", r.err());
        r = ToolRunner.garnet("hroller", "--node-tags=red", "--no-headers", "-t", data("multiple-tags.data"));
        assertTrue(r.out().matches("node-01-00[45],node-01-00[45],node-01-001\n"), r.out());
    }

    /** Byte-for-byte identical to Ganeti's hroller (when installed). */
    @ParameterizedTest
    @ValueSource(strings = {"", "--full-evacuation --print-moves", "--one-step-only --full-evacuation --print-moves",
        "--offline-maintenance", "--ignore-non-redundant"})
    void identicalToGaneti(String opts) throws Exception {
        assumeTrue(ToolRunner.ganetiAvailable("hroller"));
        for (String f : new String[] {"hroller-full.data", "unique-reboot-order.data", "hroller-nonredundant.data"}) {
            String[] args = (opts.isEmpty() ? "-v -v -v" : opts + " -v -v -v").split(" ");
            String[] all = java.util.Arrays.copyOf(args, args.length + 2);
            all[args.length] = "-t";
            all[args.length + 1] = data(f);
            ToolRunner.Result g = ToolRunner.ganeti("hroller", all);
            ToolRunner.Result j = ToolRunner.garnet("hroller", all);
            assertEquals(g.out(), j.out(), f);
            assertEquals(g.err(), j.err(), f);
            assertEquals(g.rc(), j.rc(), f);
        }
    }
}
