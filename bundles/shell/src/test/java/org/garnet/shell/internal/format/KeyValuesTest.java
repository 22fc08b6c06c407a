package org.garnet.shell.internal.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyValuesTest {
    @Test
    void ganetiKeyValSyntax() {
        Map<String, Object> want = new LinkedHashMap<>();
        want.put("vcpus", "2");
        want.put("auto_balance", false);
        want.put("always_failover", true);
        want.put("maxmem", null);
        assertEquals(want, KeyValues.parse("vcpus=2,no_auto_balance,always_failover,-maxmem"));
    }

    @Test
    void hypervisorGroups() {
        assertEquals(Map.of("kvm", Map.of("kernel_path", "/vmlinuz"), "fake", Map.of()),
                KeyValues.grouped(List.of("kvm:kernel_path=/vmlinuz", "fake"), "-H"));
        assertEquals(List.of("name", "pip"), FieldList.parse("+name,pip", List.of()));
        assertEquals(List.of("a", "b", "c"), FieldList.parse("+c", List.of("a", "b")));
    }

    @Test
    void anEscapedCommaStaysInItsValueAsGanetisUnescapeAndSplit() {
        assertEquals(Map.of("extra_pkgs", "systemd-sysv,udev", "suite", "bookworm"),
                KeyValues.parse("extra_pkgs=systemd-sysv\\,udev,suite=bookworm"));
        assertEquals(Map.of("path", "a\\b"), KeyValues.parse("path=a\\\\b"));
    }
}
