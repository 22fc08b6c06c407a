package org.garnet.shell.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.garnet.api.GanetiException;
import org.junit.jupiter.api.Test;

/** Ganeti's ParseTimespec as gnt-cluster watcher pause reads its duration. */
class WatcherCommandTest {
    @Test
    void secondsAndSuffixes() {
        assertEquals(90, WatcherCommand.seconds("90"));
        assertEquals(90, WatcherCommand.seconds("90s"));
        assertEquals(1800, WatcherCommand.seconds("30m"));
        assertEquals(14400, WatcherCommand.seconds("4h"));
        assertEquals(172800, WatcherCommand.seconds("2d"));
        assertEquals(604800, WatcherCommand.seconds("1w"));
    }

    @Test
    void badSpecificationsGetGanetisMessages() {
        assertEquals("Invalid time specification (only suffix passed)",
                assertThrows(GanetiException.class, () -> WatcherCommand.seconds("h")).getMessage());
        assertEquals("Invalid time specification 'x'",
                assertThrows(GanetiException.class, () -> WatcherCommand.seconds("xh")).getMessage());
        assertEquals("Invalid time specification '1.5'",
                assertThrows(GanetiException.class, () -> WatcherCommand.seconds("1.5")).getMessage());
        assertEquals("Empty time specification passed",
                assertThrows(GanetiException.class, () -> WatcherCommand.seconds("")).getMessage());
    }
}
