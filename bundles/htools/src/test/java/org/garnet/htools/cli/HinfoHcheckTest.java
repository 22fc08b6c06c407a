package org.garnet.htools.cli;

import static org.garnet.htools.ToolRunner.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.garnet.htools.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HinfoHcheckTest {
    @Test
    void hinfoScoreAndN1() {
        ToolRunner.Result r = ToolRunner.garnet("hinfo", "-t", data("hbal-location-2.data"));
        assertEquals(0, r.rc());
        assertTrue(r.out().contains("Cluster is N+1 happy\n"), r.out());
        assertTrue(r.out().endsWith("Cluster score: 3.39869220\n"), r.out());
    }

    @Test
    void hinfoMessages() {
        ToolRunner.Result r = ToolRunner.garnet("hinfo", "-t", data("missing-resources.data"));
        assertEquals(0, r.rc());
        assertTrue(r.err().matches("(?s).*node node2 is missing .* ram and .* disk.*"), r.err());
        r = ToolRunner.garnet("hinfo", "-t", data("common-suffix.data"), "-v", "-v");
        assertTrue(r.out().contains("Stripping common suffix of '.example.com' from names"));
        r = ToolRunner.garnet("hinfo", "-t", data("invalid-node.data"));
        assertEquals(1, r.rc());
        assertTrue(r.err().matches("(?s).*Unknown node '.*' for instance new-0.*"), r.err());
        assertEquals(1, ToolRunner.garnet("hinfo").rc());
    }

    @Test
    void hcheckExitCodesAndKeys() {
        ToolRunner.Result r = ToolRunner.garnet("hcheck", "-t", data("shared-n1-failure.data"));
        assertEquals(1, r.rc());
        assertTrue(r.out().contains("Nodes not directly evacuateable: 1"));
        assertTrue(r.out().contains("Cluster is not healthy: True"));
        r = ToolRunner.garnet("hcheck", "-t", data("shared-n1-failure.data"), "--machine-readable");
        assertTrue(r.out().contains("HCHECK_INIT_CLUSTER_GN1_FAIL=1\n"));
        assertTrue(r.out().contains("HCHECK_INIT_CLUSTER_NEED_REBALANCE=1\n"));
        r = ToolRunner.garnet("hcheck", "-t", data("shared-n1-failure.data"), "--machine-readable",
                "--no-capacity-checks");
        assertEquals(0, r.rc());
        assertTrue(r.out().contains("HCHECK_INIT_CLUSTER_NEED_REBALANCE=0\n"));
    }

    /** Byte-for-byte identical hinfo output to Ganeti's (when installed). */
    @ParameterizedTest
    @ValueSource(strings = {"hbal-location-2.data", "hspace-tiered-mixed.data", "shared-n1-failure.data",
        "hspace-groups-one.data", "common-suffix.data"})
    void hinfoIdenticalToGaneti(String file) throws Exception {
        assumeTrue(ToolRunner.ganetiAvailable("hinfo"));
        String[] args = {"-v", "-v", "-v", "-p", "--print-instances", "-t", data(file)};
        ToolRunner.Result g = ToolRunner.ganeti("hinfo", args);
        ToolRunner.Result j = ToolRunner.garnet("hinfo", args);
        assertEquals(g.out(), j.out());
        assertEquals(g.err(), j.err());
        assertEquals(g.rc(), j.rc());
    }
}
