package org.garnet.htools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;

import org.garnet.htools.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code -I FILE}: the cluster of an IAllocator request as the data source of hinfo, hbal, hspace, hcheck and
 * hroller; and hcheck's rebalancing simulation, which the request files exercise (figures recorded from Ganeti
 * 3.0.2's tools on the same files).
 */
class IallocSourceTest {
    static String request(String name) {
        try {
            return Path.of(IallocSourceTest.class.getResource("/org/garnet/htools/hail/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theRequestsClusterIsLoadedAndMergedAsGanetiDoes() {
        ToolRunner.Result r = ToolRunner.garnet("hinfo", "-I", request("hail-alloc-drbd.json"), "-v", "-v", "-v");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("Cluster score: 27.69062122"), r.out());
        // the request is merged when read and again by the load, each pass reporting the node's missing memory
        assertEquals(2, r.err().split("node node4 is missing 8832 MB ram", -1).length - 1, r.err());
        ToolRunner.Result kvm = ToolRunner.garnet("hinfo", "-I", request("mut-alloc-kvm.json"));
        assertTrue(kvm.err().contains("node node4 is missing 8832 MB ram and 0 GB disk"), kvm.err());
        assertTrue(kvm.err().contains("node node4 is missing 5753 MB ram and -5 GB disk"), kvm.err());
    }

    @Test
    void hcheckSimulatesTheRebalancing() {
        ToolRunner.Result r = ToolRunner.garnet("hcheck", "-I", request("hail-alloc-drbd.json"),
                "--machine-readable");
        assertEquals(1, r.rc());
        assertTrue(r.out().contains("HCHECK_INIT_GROUP_0_CONFLICT_TAGS=1\n"), r.out());
        assertTrue(r.out().contains("HCHECK_INIT_GROUP_0_SCORE=27.69062122\n"), r.out());
        assertTrue(r.out().contains("HCHECK_FINAL_GROUP_0_CONFLICT_TAGS=0\n"), r.out());
        assertTrue(r.out().contains("HCHECK_FINAL_GROUP_0_SCORE=16.19773780\n"), r.out());
        ToolRunner.Result none = ToolRunner.garnet("hcheck", "-I", request("hail-alloc-drbd.json"),
                "--machine-readable", "--no-simulation");
        assertEquals(0, none.rc());
        assertTrue(none.out().contains("HCHECK_FINAL_GROUP_0_SCORE=27.69062122\n"), none.out());
    }

    @Test
    void badSourcesAreReportedWithoutTrace() {
        ToolRunner.Result r = ToolRunner.garnet("hbal", "-I", "/nonexistent/request.json");
        assertEquals(1, r.rc());
        assertEquals("Error: failed to load data, aborting: /nonexistent/request.json: openFile: does not exist "
                + "(No such file or directory)\n", r.err());
        r = ToolRunner.garnet("hinfo", "-I", request("cases.txt"));
        assertEquals(1, r.rc());
        assertTrue(r.err().startsWith("Error: Parsing input IAllocator message: "), r.err());
    }

    /** Identical output and status to Ganeti's tools (when installed) for every tool on the request files. */
    @ParameterizedTest
    @ValueSource(strings = {"hail-alloc-drbd.json", "hail-alloc-dedicated-1.json", "hail-alloc-ext.json",
        "mut-alloc-kvm.json", "hail-change-group.json", "hail-node-evac.json", "hail-alloc-desired-location.json"})
    void identicalToGaneti(String file) throws Exception {
        // (hspace where Ganeti's own run is quick: on hail-change-group.json and hail-alloc-dedicated-1.json it
        // takes 5-11 s; the same comparison over all 56 request files was run by hand, identical)
        boolean slow = file.equals("hail-change-group.json") || file.equals("hail-alloc-dedicated-1.json");
        for (String tool : slow ? new String[] {"hinfo", "hbal", "hcheck", "hroller"}
                : new String[] {"hinfo", "hbal", "hspace", "hcheck", "hroller"}) {
            assumeTrue(ToolRunner.ganetiAvailable(tool));
            String[] args = {"-I", request(file), "-v"};
            ToolRunner.Result g = ToolRunner.ganeti(tool, args);
            ToolRunner.Result j = ToolRunner.garnet(tool, args);
            assertEquals(g.out(), j.out(), tool + " " + file);
            assertEquals(g.err(), j.err(), tool + " " + file);
            assertEquals(g.rc(), j.rc(), tool + " " + file);
        }
    }
}
