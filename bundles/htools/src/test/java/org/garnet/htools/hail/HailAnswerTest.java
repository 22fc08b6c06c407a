package org.garnet.htools.hail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** The in-process entry point used by Garnet's appliance ({@link Hail#answer}). */
class HailAnswerTest {
    @Test
    void answersLikeTheTool() {
        String expected = HailRunner.read("expected/hail-alloc-drbd.out");
        assertEquals(HailRunner.parse(expected), HailRunner.parse(Hail.answer(HailRunner.read("hail-alloc-drbd.json"))));
        String evac = HailRunner.read("expected/hail-node-evac.out");
        assertEquals(HailRunner.parse(evac), HailRunner.parse(Hail.answer(HailRunner.read("hail-node-evac.json"))));
    }

    @Test
    void malformedRequestGivesAFailedAnswer() {
        JsonNode a = HailRunner.parse(Hail.answer("{}"));
        assertFalse(a.get("success").asBoolean());
        assertEquals("Request failed: invalid iallocator message: key 'request' not found, object contains only []",
                a.get("info").asText());
        assertTrue(a.get("result").isArray() && a.get("result").isEmpty());
    }

    @Test
    void failedAllocationExplainsEachNode() {
        JsonNode a = HailRunner.parse(Hail.answer(HailRunner.read("mut-alloc-40000-drbd-2.json")));
        assertFalse(a.get("success").asBoolean());
        String info = a.get("info").asText();
        assertTrue(info.startsWith("Request failed: Group default (preferred): No valid allocation solutions,"
                + " failure reasons: FailMem: 12; explanation: node1: refused as primary:"), info);
        assertTrue(info.contains("memory: needs 40000 MB, 22914 MB free (short by 17086 MB)"), info);
    }

    @Test
    void withoutExplanationTheAnswerIsGanetis() {
        String expected = HailRunner.read("expected/mut-alloc-40000-drbd-2.out");
        assertEquals(HailRunner.parse(expected),
                HailRunner.parse(Hail.answer(HailRunner.read("mut-alloc-40000-drbd-2.json"), false)));
    }
}
