package org.garnet.htools.hail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.garnet.htools.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code hail --explain}: per-node refusal reasons with margins; answers stay Ganeti's otherwise. */
class HailExplainTest {
    private static ToolRunner.Result explain(String args) {
        return HailRunner.garnet("", HailRunner.resolve("--explain " + args));
    }

    @Test
    void memoryAndPolicyMargins() {
        ToolRunner.Result r = explain("mut-alloc-40000-drbd-2.json");
        assertEquals(0, r.rc());
        assertTrue(r.err().contains("  node4: refused as primary: ipolicy: memory 40000 MB above the maximum 32768 MB;"
                + " memory: needs 40000 MB, 22914 MB free (short by 17086 MB)\n"), r.err());
        String info = HailRunner.parse(r.out()).get("info").asText();
        assertTrue(info.contains("; explanation: node1: refused as primary: ipolicy: memory 40000 MB above the"
                + " maximum 32768 MB; memory: needs 40000 MB, 31389 MB free (short by 8611 MB) | node2: "), info);
    }

    @Test
    void exclusionTags() {
        ToolRunner.Result r = explain("hail-alloc-plain-tags.json");
        assertTrue(r.err().contains("  node1: refused: exclusion tags: already hosts a primary instance tagged"
                + " service:foo\n"), r.err());
    }

    @Test
    void globalN1() {
        ToolRunner.Result r = explain("-t shared-n1-restriction.data hail-alloc-ext.json");
        assertTrue(r.err().contains("  nodeA: refused: global N+1: with the instance here, node nodeC could no"
                + " longer be evacuated if it failed\n"), r.err());
        assertTrue(r.err().contains("  nodeD: ok (score "), r.err());
    }

    @Test
    void successfulAnswerUnchanged() {
        ToolRunner.Result r = explain("hail-alloc-drbd.json");
        assertEquals(HailRunner.parse(HailRunner.read("expected/hail-alloc-drbd.out")), HailRunner.parse(r.out()));
    }

    @Test
    void vcpuRatio() {
        ToolRunner.Result r = HailRunner.garnet("", HailRunner.resolve("--explain mut-alloc-30000-drbd-2.json"));
        assertTrue(r.err().contains("  node4: refused as primary: memory: needs 30000 MB, 22914 MB free"
                + " (short by 7086 MB)\n"), r.err());
    }

    static Stream<String> allocationRequests() throws IOException {
        try (Stream<java.nio.file.Path> files = Files.list(HailRunner.dir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .filter(n -> HailRunner.read(n).contains("\"type\": \"allocate\"")).sorted().toList().stream();
        }
    }

    /** Some node is explained as acceptable exactly when the allocation succeeds; the answer is otherwise kept. */
    @ParameterizedTest
    @MethodSource("allocationRequests")
    void verdictsAgreeWithTheAnswer(String file) {
        ToolRunner.Result plain = HailRunner.garnet("", HailRunner.resolve(file));
        ToolRunner.Result r = explain(file);
        assertEquals(plain.rc(), r.rc());
        JsonNode a = HailRunner.parse(r.out());
        boolean anyOk = r.err().lines().anyMatch(l -> l.startsWith("  ") && l.contains(": ok"));
        assertEquals(a.get("success").asBoolean(), anyOk, r.err());
        JsonNode p = HailRunner.parse(plain.out());
        if (a.get("success").asBoolean()) {
            assertEquals(p, a);
        } else {
            assertTrue(a.get("info").asText().startsWith(p.get("info").asText() + "; explanation: "), a.toString());
            assertEquals(p.get("result"), a.get("result"));
        }
    }
}
