package org.garnet.htools.cli;

import static org.garnet.htools.ToolRunner.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.garnet.htools.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --mond}, {@code --mond-data}, {@code --mond-xen}, {@code --exit-on-missing-mond-data}: monitoring-daemon
 * CPU data changes the balancing as it does in Ganeti (figures recorded from Ganeti 3.0.2's hbal on the same files).
 */
class MonDTest {
    @TempDir
    Path dir;

    private static String cpu(double total) {
        return "{\"name\":\"cpu-avg-load\",\"version\":\"B\",\"format_version\":1,\"timestamp\":1379507272000000000,"
                + "\"category\":null,\"kind\":0,\"data\":{\"cpu_number\":4,\"cpus\":[" + total / 4 + "," + total / 4
                + "," + total / 4 + "," + total / 4 + "],\"cpu_total\":" + total + "}}";
    }

    private static String xen(String map) {
        return "{\"name\":\"xen-cpu-avg-load\",\"version\":\"B\",\"format_version\":1,\"timestamp\":1,"
                + "\"category\":\"hypervisor\",\"kind\":0,\"data\":{" + map + "}}";
    }

    private String file(String name, String... nodeReports) throws Exception {
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < nodeReports.length; k++) {
            b.append(k == 0 ? "" : ",").append("{\"node\":\"node-0").append(k + 1).append("\",\"reports\":[")
                    .append(nodeReports[k]).append("]}");
        }
        Path p = dir.resolve(name);
        Files.writeString(p, b.append(']').toString());
        return p.toString();
    }

    private static ToolRunner.Result hbal(String... extra) {
        String[] args = new String[extra.length + 2];
        args[0] = "-t";
        args[1] = data("hbal-location-2.data");
        System.arraycopy(extra, 0, args, 2, extra.length);
        return ToolRunner.garnet("hbal", args);
    }

    @Test
    void nodeCpuLoadChangesTheScore() throws Exception {
        String f = file("all.json", cpu(3.5), cpu(0.25), cpu(1.125));
        ToolRunner.Result r = hbal("--mond=yes", "--mond-data=" + f);
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("Initial score: 4.30039244\n"), r.out());
        assertTrue(r.out().contains("inst2 node-02:node-01 => node-03:node-02   3.82841730"), r.out());
        // --ignore-dynu drops the collectors (and all utilisation); --mond=no does not query
        assertTrue(hbal("--mond=yes", "--mond-data=" + f, "--ignore-dynu").out().contains("Initial score: 1.04166960"));
        assertTrue(hbal("--mond=no", "--mond-data=" + f).out().contains("Initial score: 3.39869220"));
    }

    @Test
    void incompleteDataIsIgnoredOrFatal() throws Exception {
        String f = file("part.json", cpu(3.5), cpu(0.25));
        ToolRunner.Result r = hbal("--mond", "--mond-data=" + f);
        assertEquals("Didn't receive an answer by all MonDs, cpu-avg-load's data will be ignored.\n", r.err());
        assertTrue(r.out().contains("Initial score: 3.39869220\n"), r.out());
        r = hbal("--mond=yes", "--mond-data=" + f, "--exit-on-missing-mond-data");
        assertEquals(1, r.rc());
        assertTrue(r.err().endsWith("Error: Not all required data available\n"), r.err());
    }

    @Test
    void perInstanceXenData() throws Exception {
        String f = file("xen.json", xen("\"inst1\":0.5"), xen("\"inst2\":1.75,\"inst1\":9.0"), xen(""));
        ToolRunner.Result r = hbal("--mond=yes", "--mond-xen", "--mond-data=" + f);
        assertTrue(r.out().contains("Initial score: 3.66326776\n"), r.out());
        String g = file("xen-missing.json", xen("\"inst1\":0.5"), xen(""), xen(""));
        r = hbal("--mond=yes", "--mond-xen", "--mond-data=" + g);
        assertEquals("No CPU information available for [\"inst2\"]\n", r.err());
    }

    @Test
    void badDataAndUnreachableDaemons() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[{\"node\":\"node-01\",\"reports\":[{\"name\":\"x\"}]}]");
        ToolRunner.Result r = hbal("--mond=yes", "--mond-data=" + bad);
        assertEquals(1, r.rc());
        assertEquals("Error: can't parse MonD data: Parsing node's reports: key 'reports': key 'version' not found, "
                + "object contains only [\"name\"]\n", r.err());
        r = hbal("--mond=yes", "--mond-data=/nonexistent/mond.json");
        assertEquals("hbal: /nonexistent/mond.json: openFile: does not exist (No such file or directory)\n", r.err());
        r = hbal("--mond=maybe");
        assertEquals(1, r.rc());
        assertTrue(r.err().contains("Invalid choice 'maybe', pass one of 'yes' or 'no'"), r.err());
        // no daemon answers on these (unresolvable) node names: each is reported, the data ignored
        r = hbal("--mond=yes");
        assertTrue(r.err().startsWith("Failed to contact node's node-01 MonD for DC cpu-avg-load\n"), r.err());
        assertTrue(r.err().contains("Didn't receive an answer by all MonDs"), r.err());
    }

    @Test
    void identicalToGaneti() throws Exception {
        assumeTrue(ToolRunner.ganetiAvailable("hbal"));
        String f = file("all.json", cpu(3.5), cpu(0.25), cpu(1.125));
        String x = file("xen.json", xen("\"inst1\":0.5"), xen("\"inst2\":1.75,\"inst1\":9.0"), xen(""));
        for (String[] extra : new String[][] {{"--mond=yes", "--mond-data=" + f, "-v", "-v"},
            {"--mond=yes", "--mond-xen", "--mond-data=" + x, "-C"}}) {
            String[] args = new String[extra.length + 2];
            args[0] = "-t";
            args[1] = data("hbal-location-2.data");
            System.arraycopy(extra, 0, args, 2, extra.length);
            ToolRunner.Result g = ToolRunner.ganeti("hbal", args);
            ToolRunner.Result j = ToolRunner.garnet("hbal", args);
            assertEquals(g.out(), j.out());
            assertEquals(g.err(), j.err());
        }
    }
}
