package org.garnet.hypervisor.fake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.garnet.api.ErrorClass;
import org.garnet.api.GanetiException;
import org.garnet.api.hypervisor.HvInstance;
import org.garnet.api.model.Instance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeHypervisorTest {
    @TempDir
    Path dir;

    private final MemInfo fourGiB = new MemInfo() {
        @Override
        public long totalMiB() {
            return 4096;
        }

        @Override
        public long freeMiB() {
            return 3000;
        }
    };

    private static HvInstance inst(String name, int mem, int vcpus) {
        Instance i = new Instance("u-" + name, name, 1, 0, 0, "node", "image", "fake", "file", Map.of(), Map.of(),
                Map.of(), "up", "admin", false, List.of(), List.of(), null, Set.of());
        return new HvInstance(i, Map.of(), Map.of("maxmem", mem, "vcpus", vcpus), List.of());
    }

    @Test
    void runningStateLivesInAFilePerInstanceAsGanetisHvFake() throws Exception {
        FakeHypervisor hv = new FakeHypervisor(dir, fourGiB);
        hv.start(inst("a", 512, 2), false);
        assertEquals(List.of("0", "512", "2"), Files.readAllLines(dir.resolve("a")));
        assertEquals(512, hv.info("a").orElseThrow().memory());
        assertEquals(2, hv.info("a").orElseThrow().vcpus());
        GanetiException twice = assertThrows(GanetiException.class, () -> hv.start(inst("a", 512, 2), false));
        assertEquals(ErrorClass.HypervisorError, twice.errorClass());
        assertEquals("Failed to start instance a: already running", twice.getMessage());
        hv.start(inst("b", 256, 1), false);
        assertEquals(List.of("a", "b"), hv.list().stream().map(x -> x.name()).toList());
        assertEquals(3000 - 768, hv.nodeInfo().memoryFree(), "running instances' memory is accounted");
        hv.reboot(inst("a", 512, 2));
        hv.stop(inst("a", 512, 2), false, Duration.ofSeconds(1));
        assertTrue(hv.info("a").isEmpty());
        assertEquals("Failed to stop instance a: not running",
                assertThrows(GanetiException.class, () -> hv.stop(inst("a", 1, 1), false, Duration.ZERO)).getMessage());
        assertEquals("msg", hv.console(inst("b", 1, 1)).kind());
        assertTrue(hv.verify().isEmpty());
    }
}
