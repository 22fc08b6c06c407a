package org.garnet.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.garnet.api.model.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a writing JVM with SIGKILL and checks that every acknowledged change is in the reopened store. */
class StoreCrashTest {
    @TempDir
    Path dir;

    @Test
    void acknowledgedWritesSurviveKill9() throws Exception {
        Path db = dir.resolve("config.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), db.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String uuid = null;
        long lastAck = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("uuid ")) {
                    uuid = line.substring(5);
                } else if (line.startsWith("ack ")) {
                    lastAck = Long.parseLong(line.substring(4));
                    if (lastAck >= 40) {
                        p.destroyForcibly();   // SIGKILL, possibly in the middle of the next write
                        break;
                    }
                } else {
                    throw new AssertionError("writer said: " + line);
                }
            }
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(40, lastAck);
        SqliteConfigStore store = new SqliteConfigStore(db);
        try {
            Node node = store.get(Node.class, uuid).orElseThrow();
            assertTrue(node.serialNo() >= lastAck, "serial " + node.serialNo() + " < acknowledged " + lastAck);
            assertEquals(Set.of("t" + (node.serialNo() - 1)), node.tags());
        } finally {
            store.close();
        }
    }
}
