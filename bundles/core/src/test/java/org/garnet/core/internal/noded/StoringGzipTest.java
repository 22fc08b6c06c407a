package org.garnet.core.internal.noded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random stretches are stored, the rest compressed, and the real gzip reads the whole stream back. */
class StoringGzipTest {
    private static final int MIB = 1 << 20;
    @TempDir
    Path dir;

    /** 4 MiB random, 4 MiB zeros, 2 MiB text, 1 MiB random, 1000 bytes of text: written in odd-sized pieces. */
    private static byte[] mixed() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Random r = new Random(7);
        byte[] random = new byte[4 * MIB];
        r.nextBytes(random);
        b.writeBytes(random);
        b.writeBytes(new byte[4 * MIB]);
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 2 * MIB + 1000; i++) {
            text.append("line ").append(i).append(" of a log file on the disk\n");
        }
        byte[] t = text.toString().getBytes(StandardCharsets.US_ASCII);
        b.write(t, 0, 2 * MIB);
        byte[] more = new byte[MIB];
        r.nextBytes(more);
        b.writeBytes(more);
        b.write(t, 0, 1000);
        return b.toByteArray();
    }

    @Test
    void randomStretchesAreStoredAndTheRestCompressed() throws Exception {
        byte[] data = mixed();
        Path gz = dir.resolve("mixed.gz");
        long stored;
        try (StoringGzip z = new StoringGzip(Files.newOutputStream(gz), 1 << 16, 6)) {
            for (int at = 0; at < data.length; at += 777_777) {
                z.write(data, at, Math.min(777_777, data.length - at));
            }
            stored = z.stored();
        }
        // what is stored is random (the text and zero stretches all compress); random data would not shrink
        assertTrue(stored >= 4 * MIB && stored <= 6 * MIB, "stored " + stored);
        long size = Files.size(gz);
        assertTrue(size < 5 * MIB + MIB / 4 + MIB / 8, "5 MiB random, the rest compressed: " + size + " bytes");
        Process p = new ProcessBuilder("gzip", "-d", "-c", gz.toString()).redirectOutput(dir.resolve("plain")
                .toFile()).start();
        assertEquals(0, p.waitFor());
        assertArrayEquals(data, Files.readAllBytes(dir.resolve("plain")));
    }

    @Test
    void whatGzipMakesOfRandomDataIsNoSmallerThanAStoredCopy() throws Exception {
        byte[] random = new byte[2 * MIB];
        new Random(3).nextBytes(random);
        Path gz = dir.resolve("stored.gz");
        try (StoringGzip z = new StoringGzip(Files.newOutputStream(gz), 1 << 16, 1)) {
            z.write(random);
            assertEquals(2 * MIB, z.stored());
        }
        Path plain = Files.write(dir.resolve("random"), random);
        Process p = new ProcessBuilder("gzip", "-1", "-k", "-f", plain.toString()).start();
        assertEquals(0, p.waitFor());
        assertTrue(Files.size(gz) <= Files.size(dir.resolve("random.gz")) + 4096 + 100,
                "stored " + Files.size(gz) + " bytes, gzip -1 " + Files.size(dir.resolve("random.gz")));
    }
}
