package org.garnet.htools.hsqueeze;

import static org.garnet.htools.ToolRunner.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.garnet.htools.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HsqueezeTest {
    private static final String[] FILES = {"hsqueeze-underutilized.data", "hsqueeze-overutilized.data",
        "hsqueeze-mixed-instances.data"};

    private static String[] args(String opts, String... more) {
        List<String> r = new ArrayList<>();
        for (String a : opts.trim().split("\\s+")) {
            if (!a.isEmpty()) {
                r.add(a);
            }
        }
        r.addAll(List.of(more));
        return r.toArray(new String[0]);
    }

    /** Results that do not need the real tool (Ganeti's shell tests). */
    @Test
    void plans() {
        ToolRunner.Result r = ToolRunner.garnet("hsqueeze", "--no-headers", "-t", data("hsqueeze-underutilized.data"));
        assertEquals(0, r.rc());
        assertTrue(r.out().matches("node-01-00[2345]\nnode-01-00[2345]\n"), r.out());
        r = ToolRunner.garnet("hsqueeze", "-t", data("hsqueeze-mixed-instances.data"), "--no-headers");
        assertEquals("node-01-001\n", r.out());
        r = ToolRunner.garnet("hsqueeze", "-t", data("hsqueeze-overutilized.data"), "--minimal-resources=0");
        assertEquals("'No action'\n", r.out());
        r = ToolRunner.garnet("hsqueeze", "-v", "-t", data("hsqueeze-overutilized.data"), "--minimal-resources=4.0",
                "--target-resources=5.0", "-C");
        assertTrue(r.out().contains("Onlining all nodes will not yield enough capacity\n"), r.out());
        assertTrue(r.out().contains("  gnt-node power -f on node-01-006\n"), r.out());
    }

    @Test
    void errors() {
        ToolRunner.Result r = ToolRunner.garnet("hsqueeze", "extra");
        assertEquals(1, r.rc());
        assertEquals("Error: This program doesn't take any arguments.\n", r.err());
        r = ToolRunner.garnet("hsqueeze", "-X", "-t", data("hsqueeze-underutilized.data"));
        assertEquals(1, r.rc());
        assertEquals("Error: hsqueeze: Execution of commands possible only on LUXI\n", r.err());
        r = ToolRunner.garnet("hsqueeze", "--target-resources=x", "-t", data("hsqueeze-underutilized.data"));
        assertEquals(1, r.rc());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    /** Output, errors and exit status identical to Ganeti's hsqueeze (when installed). */
    @ParameterizedTest
    @ValueSource(strings = {"-v -v -C", "--no-headers", "--target-resources=0 -C", "--target-resources=1.0 -C -v",
        "--minimal-resources=4.0 --target-resources=5.0 -C -v -v", "--minimal-resources=0 -C -v -v",
        "-X", "--minimal-resources=abc", "extra"})
    void identicalToGaneti(String opts) throws Exception {
        assumeTrue(ToolRunner.ganetiAvailable("hsqueeze"));
        for (String f : FILES) {
            String[] a = args(opts, "-t", data(f));
            ToolRunner.Result g = ToolRunner.ganeti("hsqueeze", a);
            ToolRunner.Result j = ToolRunner.garnet("hsqueeze", a);
            assertEquals(g.out(), j.out(), f);
            assertEquals(g.err(), j.err(), f);
            assertEquals(g.rc(), j.rc(), f);
        }
    }

    /** The -S and -C FILE outputs are identical too. */
    @Test
    void savedFilesIdenticalToGaneti(@TempDir Path tmp) throws Exception {
        assumeTrue(ToolRunner.ganetiAvailable("hsqueeze"));
        for (String f : FILES) {
            for (String opt : new String[] {"--minimal-resources=0", "--minimal-resources=4", ""}) {
                Path g = tmp.resolve("g");
                Path j = tmp.resolve("j");
                ToolRunner.Result rg = ToolRunner.ganeti("hsqueeze",
                        args(opt, "-S", g + "", "-C" + g + ".sh", "-t", data(f)));
                ToolRunner.Result rj = ToolRunner.garnet("hsqueeze",
                        args(opt, "-S", j + "", "-C" + j + ".sh", "-t", data(f)));
                assertEquals(rg.rc(), rj.rc());
                for (String ext : new String[] {".original", ".squeezed", ".sh"}) {
                    assertEquals(Files.readString(Path.of(g + ext)), Files.readString(Path.of(j + ext)), f + ext);
                }
            }
        }
    }
}
