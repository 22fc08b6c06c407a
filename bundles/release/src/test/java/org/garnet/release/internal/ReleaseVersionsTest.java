package org.garnet.release.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseVersionsTest {
    @Test
    void releasesAreTheVersionsOfTheGarnetFeatureOldestFirst() {
        var listed = List.of(Map.entry("garnet", "0.10.0"), Map.entry("garnet-core", "0.3.0"),
                Map.entry("garnet", "0.2.0"), Map.entry("garnet", "0.1.0-SNAPSHOT"), Map.entry("garnet", "0.2.0"),
                Map.entry("scr", "4.4.10"));
        assertEquals(List.of("0.1.0-SNAPSHOT", "0.2.0", "0.10.0"), ReleaseVersions.of("garnet", listed));
    }

    @Test
    void versionsAreNamedAsReleasesAreMavensFormNotOsgis() {
        assertEquals(List.of("0.1.0-SNAPSHOT", "0.2.0"), ReleaseVersions.of("garnet", List.of(
                Map.entry("garnet", "0.2.0"), Map.entry("garnet", "0.1.0.SNAPSHOT"))));
        assertEquals("1.2.3-rc1", ReleaseVersions.named("1.2.3.rc1"));
        assertEquals("1.2.3-rc1", ReleaseVersions.named("1.2.3-rc1"));
    }

    @Test
    void aSnapshotComesAfterTheSameReleaseAsOsgiOrdersQualifiersAndNonsenseFirst() {
        assertEquals(List.of("x", "0.2.0", "0.2.0-SNAPSHOT", "1.0.0"), ReleaseVersions.of("g", List.of(
                Map.entry("g", "1.0.0"), Map.entry("g", "0.2.0-SNAPSHOT"), Map.entry("g", "0.2.0"),
                Map.entry("g", "x"))));
    }
}
