package org.garnet.htools.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.HtoolsException;
import org.junit.jupiter.api.Test;

class TextLoaderTest {
    private static final String GROUPS = "group-01|fake-uuid-01|preferred||\n\n";

    @Test
    void parsesSectionsAndPlacesInstances() throws HtoolsException {
        ClusterData cd = TextLoader.parse(GROUPS
                + "node1|1024|0|1024|10240|10240|4|N|fake-uuid-01|1\nnode2|1024|0|512|10240|9216|4|M|fake-uuid-01\n\n"
                + "inst1|512|1024|1|running|Y|node2|node1|drbd||1\n\ntag1\n");
        ClusterData m = ClusterMerger.merge(cd, java.util.List.of(), java.util.List.of(), java.util.List.of());
        assertEquals(2, m.nodes.size());
        assertEquals(1, m.nodes.get(1).pList.size());
        assertEquals(1, m.nodes.get(0).sList.size());
        assertEquals(512, m.nodes.get(0).rMem);
        assertEquals(java.util.List.of("tag1"), m.tags);
        assertEquals(true, m.nodes.get(1).isMaster);
    }

    @Test
    void unknownNodeInInstanceLine() {
        HtoolsException e = assertThrows(HtoolsException.class, () -> TextLoader.parse(GROUPS
                + "node1|1024|0|1024|10240|10240|4|N|fake-uuid-01\n\ninst1|512|1024|1|running|Y|nodeX||plain||1\n\n"));
        assertEquals("Unknown node 'nodeX' for instance inst1", e.getMessage());
    }

    @Test
    void tooFewSections() {
        HtoolsException e = assertThrows(HtoolsException.class, () -> TextLoader.parse(GROUPS));
        assertEquals("Invalid format of the input file: 2 sections instead of 4 or more", e.getMessage());
    }

    @Test
    void badNumberAndFieldCount() {
        HtoolsException e = assertThrows(HtoolsException.class, () -> TextLoader.parse(GROUPS
                + "node1|10x24|0|1024|10240|10240|4|N|fake-uuid-01\n\n\n"));
        assertEquals("node1: leftover characters when parsing '10x24': 'x24'", e.getMessage());
        e = assertThrows(HtoolsException.class, () -> TextLoader.parse(GROUPS + "node1|1024\n\n\n"));
        assertEquals("Invalid/incomplete node data: '[\"node1\",\"1024\"]'", e.getMessage());
        e = assertThrows(HtoolsException.class, () -> TextLoader.parse(GROUPS
                + "node1|1024|0|1024|10240|10240|4|N|nosuchgroup\n\n\n"));
        assertEquals("Unknown group 'nosuchgroup' for node node1", e.getMessage());
    }

    @Test
    void serializationRoundTrip() throws HtoolsException {
        String text = GROUPS.replace("\n\n", "\n") + "\n"
                + "node-01-001|65536|0|65536|7629394|6580818|16|M|fake-uuid-01|1||N|0|1|1.0\n\n"
                + "new-0|32768|1048576|8|running|Y|node-01-001||plain||1|12|N\n\n\n"
                + "|128,1,1024,1,1,1|128,1,1024,1,1,1;32768,8,1048576,16,8,12|plain,drbd|4.0|32.0\n"
                + "group-01|128,1,1024,1,1,1|128,1,1024,1,1,1;32768,8,1048576,16,8,12|plain,drbd|4.0|32.0\n";
        assertEquals(text, TextWriter.serialize(TextLoader.parse(text)));
    }

    @Test
    void simulateSpecErrors() {
        HtoolsException e = assertThrows(HtoolsException.class, () -> SimuLoader.load(java.util.List.of("p,1,1,1")));
        assertEquals("Invalid cluster specification, expected 6 comma-separated sections (allocation policy, node"
                + " count, disk size, memory size, number of CPUs, spindles) but got 4: 'p,1,1,1'", e.getMessage());
    }

    @Test
    void unitParsing() throws HtoolsException {
        assertEquals(8 * 1024 * 1024, Hs.parseUnit("8T") > 0 ? Hs.parseUnit("8t") : 0);
        assertEquals(65536, Hs.parseUnit("64g"));
        assertEquals(95367, Hs.parseUnit("100G"));
    }
}
