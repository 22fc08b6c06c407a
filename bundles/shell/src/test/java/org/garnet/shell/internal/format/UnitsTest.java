package org.garnet.shell.internal.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void humanUnitsAsGanetiFormatUnit() {
        assertEquals("512M", Units.format(512, "h"));
        assertEquals("1.0G", Units.format(1024, "h"));
        assertEquals("23.5G", Units.format(24064, "h"));
        assertEquals("252.0G", Units.format(258048, "h"));
        assertEquals("1.0T", Units.format(1024 * 1024, "h"));
    }

    @Test
    void fixedUnitsHaveNoSuffix() {
        assertEquals("24064", Units.format(24064, "m"));
        assertEquals("23.5", Units.format(24064, "g"));
        assertEquals("0.0", Units.format(24064, "t"));
    }
}
