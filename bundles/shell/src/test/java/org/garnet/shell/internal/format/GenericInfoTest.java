package org.garnet.shell.internal.format;

import static org.garnet.shell.internal.format.GenericInfo.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenericInfoTest {
    @Test
    void nestedEntriesMapsAndListsAsGanetiPrintGenericInfo() {
        Object data = List.of(
                entry("Cluster name", "c1"),
                entry("Hypervisor parameters", Map.of("fake", Map.of("migration_mode", "live"))),
                entry("Empty", Map.of()),
                entry("Cluster parameters", List.of(entry("mac prefix", "aa:00:00"))),
                entry("bounds", List.of(List.of(entry("max/0", Map.of("cpu-count", "8")),
                        entry("min/0", Map.of("cpu-count", "1"))))));
        assertEquals(String.join("\n",
                "Cluster name: c1",
                "Hypervisor parameters: ",
                "  fake: ",
                "    migration_mode: live",
                "Empty: ",
                "Cluster parameters: ",
                "  mac prefix: aa:00:00",
                "bounds: ",
                "  - max/0: ",
                "      cpu-count: 8",
                "    min/0: ",
                "      cpu-count: 1"), GenericInfo.format(data));
    }

    @Test
    void listOfNodesStartsEachWithADash() {
        Object data = List.of(List.of(entry("Node name", "a"), entry("offline", "False")),
                List.of(entry("Node name", "b"), entry("offline", "True")));
        assertEquals("- Node name: a\n  offline: False\n- Node name: b\n  offline: True", GenericInfo.format(data));
    }

    @Test
    void pythonStrOfValues() {
        assertEquals("True", PyStr.of(true));
        assertEquals("1.0", PyStr.of(1.0));
        assertEquals("4.0", PyStr.of(4.0d));
        assertEquals("None", PyStr.of(null));
        assertEquals("['a', 'b']", PyStr.of(List.of("a", "b")));
    }
}
