package org.garnet.disk.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.garnet.api.GanetiException;
import org.garnet.api.model.Disk;
import org.garnet.api.storage.BlockDevice;
import org.garnet.api.storage.DiskRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDisksTest {
    @TempDir
    Path dir;

    @Test
    void createsSparseFilesGrowsAndRemovesThem() throws Exception {
        FileTemplate t = new FileTemplate();
        BlockDevice dev = t.create(new DiskRequest("inst1", "iu", 0, "du", 2048, "rw", Map.of(),
                new DiskRequest.Location(dir.toString())));
        Path file = Path.of(dev.path());
        assertEquals(dir.resolve("inst1").resolve("du.file.disk0"), file);
        assertEquals(List.of("loop", file.toString()), dev.logicalId());
        assertEquals(2048L * 1024 * 1024, Files.size(file));
        Process stat = new ProcessBuilder("stat", "-c", "%b", file.toString()).start();
        long allocatedKiB = Long.parseLong(new String(stat.getInputStream().readAllBytes()).strip()) / 2;
        assertTrue(allocatedKiB < 1024, "sparse: " + allocatedKiB + " KiB allocated");
        Disk disk = new Disk("du", null, "file", 2048, "rw", null, dev.logicalId(), List.of("n"), Map.of());
        assertEquals(file.toString(), t.assemble(disk).path());
        t.grow(disk, 3072);
        assertEquals(3072L * 1024 * 1024, Files.size(file));
        assertThrows(GanetiException.class, () -> t.grow(disk, 1024), "no shrinking");
        assertThrows(GanetiException.class, () -> t.create(new DiskRequest("inst1", "iu", 0, "du", 1, "rw",
                Map.of(), new DiskRequest.Location(dir.toString()))), "an existing file is not overwritten");
        t.remove(disk);
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(dir.resolve("inst1")), "the instance directory goes with its last disk");
        t.remove(disk);
        assertTrue(t.space(new DiskRequest.Location(dir.toString())).sizeMiB() > 0);
    }
}
