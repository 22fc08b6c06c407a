package org.garnet.htools.hbal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hbal's user-visible messages and exit codes for good and bad input (expected texts from Ganeti 3.0.2). */
class HbalCliTest {
    @TempDir
    Path tmp;

    private static final String EVAC = "group-01|fake-uuid-01|preferred||\n\n"
            + "node-E|16384|1024|15360|1000000|1000000|8|N|fake-uuid-01|1\n"
            + "node-1|16384|1024|15360|1000000|1000000|8|N|fake-uuid-01|1\n"
            + "node-2|16384|1024|15360|1000000|1000000|8|N|fake-uuid-01|1\n\n"
            + "inst-a|1024|10240|1|running|Y|node-E|node-1|drbd||1\n"
            + "inst-b|1024|10240|1|running|Y|node-E|node-1|drbd||1\n"
            + "inst-c|1024|10240|1|running|Y|node-E|node-1|drbd||1\n\n\n";

    private Path data(String text) throws Exception {
        Path f = tmp.resolve("c.data");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void balancesAndPrintsCommands() throws Exception {
        Oracle.Run r = Oracle.garnet("-t", data(EVAC).toString(), "-C");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("Trying to minimize the CV...\n"), r.out());
        assertTrue(r.out().matches("(?s).*\n    1\\. inst-\\S+ +node-E:node-1 +=> +\\S+ +\\d+\\.\\d{8} a=.*"), r.out());
        assertTrue(r.out().contains("Commands to run to reach the above solution:\n"), r.out());
        assertTrue(r.out().contains("\n  echo jobset 1, 1 jobs\n    echo job 1/1\n    gnt-instance "), r.out());
        assertTrue(Oracle.finalScore(r.out()) < 1.0, r.out());
    }

    @Test
    void maxLengthCapsTheSolution() throws Exception {
        Oracle.Run r = Oracle.garnet("-t", data(EVAC).toString(), "-l", "1");
        assertTrue(r.out().contains("Solution length=1\n"), r.out());
    }

    @Test
    void badNumbersAreUsageErrors() throws Exception {
        Oracle.Run r = Oracle.garnet("-t", data(EVAC).toString(), "-g", "abc");
        assertEquals(1, r.rc());
        assertEquals("Error while parsing command line arguments:\nmin gain: cannot parse string 'abc'\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void badUtilisationFile() throws Exception {
        Path u = tmp.resolve("dynu");
        Files.writeString(u, "inst cpu mem dsk net\n");
        Oracle.Run r = Oracle.garnet("-U", u.toString(), "-t", data(EVAC).toString());
        assertEquals(1, r.rc());
        assertEquals("Error: can't parse utilisation data: inst: cannot parse string 'cpu'\n", r.err());
        Files.writeString(u, "a\n");
        assertEquals("Error: can't parse utilisation data: Cannot parse line a\n",
                Oracle.garnet("-U", u.toString(), "-t", data(EVAC).toString()).err());
        Oracle.Run missing = Oracle.garnet("-U", tmp.resolve("none").toString(), "-t", data(EVAC).toString());
        assertEquals(1, missing.rc());
        assertEquals("hbal: " + tmp.resolve("none") + ": openFile: does not exist (No such file or directory)\n",
                missing.err());
    }

    @Test
    void groupSelection() throws Exception {
        String two = EVAC.replace("||\n\nnode-E", "||\ngroup-02|fake-uuid-02|preferred||\n\nnode-E")
                .replace("node-2|16384|1024|15360|1000000|1000000|8|N|fake-uuid-01",
                        "node-2|16384|1024|15360|1000000|1000000|8|N|fake-uuid-02");
        Oracle.Run r = Oracle.garnet("-t", data(two).toString());
        assertEquals(1, r.rc());
        assertEquals("Found multiple node groups:\n  group-01\n  group-02\nError: Aborting.\n", r.err());
        Oracle.Run nf = Oracle.garnet("-t", data(two).toString(), "-G", "nope");
        assertEquals("Node group nope not found. Node group list is:\n  group-01\n  group-02\nError: Aborting.\n",
                nf.err());
    }

    @Test
    void unknownInstancesAndNodes() throws Exception {
        Oracle.Run r = Oracle.garnet("-t", data(EVAC).toString(), "--exclude-instances", "nosuch");
        assertEquals(1, r.rc());
        assertTrue(r.err().startsWith("Error: failed to load data, aborting: Unknown instance(s): [\"nosuch\"]"),
                r.err());
        Oracle.Run o = Oracle.garnet("-t", data(EVAC).toString(), "-O", "nosuch");
        assertEquals(1, o.rc());
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void executionNeedsLuxi() throws Exception {
        Oracle.Run r = Oracle.garnet("-t", data(EVAC).toString(), "-X");
        assertEquals(1, r.rc());
        assertEquals("Error: hbal: Execution of commands possible only on LUXI\n", r.err());
    }

    @Test
    void alreadyBalanced() throws Exception {
        Oracle.Run r = Oracle.garnet("-t", data(EVAC).toString(), "-e", "100");
        assertEquals(0, r.rc());
        assertTrue(r.out().endsWith("minimum score 100.000000).\nNothing to do, exiting\n"), r.out());
    }

    @Test
    void haskellGFormat() {
        assertEquals(List.of("0.000000", "1.000000e-9", "5.000000", "1.234568e8"), List.of(HsFormat.g(0, 6),
                HsFormat.g(1e-9, 6), HsFormat.g(5, 6), HsFormat.g(123456789.123, 6)));
    }
}
