package org.garnet.htools.hail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.garnet.htools.ToolRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Garnet's hail against Ganeti's: the requests of Ganeti's hail shell tests (and variants) must get the same
 * answer, compared as parsed JSON, with the same exit status: against answers recorded from Ganeti 3.0.2's hail,
 * and against the live binary when it is installed.
 */
class HailConformanceTest {
    static Stream<Arguments> cases() {
        List<Arguments> r = new ArrayList<>();
        for (String line : HailRunner.read("cases.txt").split("\n")) {
            if (!line.isBlank()) {
                String[] f = line.split("\t", 2);
                r.add(Arguments.of(f[0], f[1]));
            }
        }
        return r.stream();
    }

    private static void assertSameAnswer(String expOut, int expRc, ToolRunner.Result got) {
        assertEquals(expRc, got.rc(), got.err());
        assertTrue(!got.err().contains("\tat org."), "no stack trace: " + got.err());
        if (expOut.isBlank()) {
            assertEquals("", got.out());
        } else {
            assertEquals(HailRunner.parse(expOut), HailRunner.parse(got.out()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesRecordedGanetiAnswer(String name, String args) {
        String exp = HailRunner.read("expected/" + name + ".out");
        int rc = Integer.parseInt(HailRunner.read("expected/" + name + ".rc").trim());
        assertSameAnswer(exp, rc, HailRunner.garnet("", HailRunner.resolve(args)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesLiveGanetiHail(String name, String args) throws Exception {
        assumeTrue(HailRunner.realAvailable(), "Ganeti's hail is not installed");
        String[] a = HailRunner.resolve(args);
        ToolRunner.Result real = HailRunner.real("", a);
        assertSameAnswer(real.out(), real.rc(), HailRunner.garnet("", a));
    }
}
