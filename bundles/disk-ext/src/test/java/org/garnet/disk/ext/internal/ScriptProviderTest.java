package org.garnet.disk.ext.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.garnet.api.GanetiException;
import org.garnet.api.ParamDoc;
import org.garnet.api.storage.ExtVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ganeti's ExtStorage script interface: environment, directory, logs, and the errors of failing scripts. */
class ScriptProviderTest {
    @TempDir
    Path dir;

    private static final ExtVolume VOL = new ExtVolume("u-1.ext.disk0", 1024, "u-1", "data",
            Map.of("provider", "p", "pool", "/srv/pool"));

    @Test
    void aScriptGetsGanetisEnvironmentInTheProvidersDirectoryAndLogsItsOutput() throws Exception {
        Path out = dir.resolve("env.txt");
        Path p = Providers.write(dir.resolve("p"), Map.of("create", "{ pwd; env | sort; } > " + out
                + "; echo created"), "pool");
        new ScriptProvider("p", p, dir.resolve("logs"), Duration.ofSeconds(30)).create(VOL);
        List<String> env = Files.readAllLines(out);
        assertEquals(p.toString(), env.get(0), "runs in the provider's directory");
        assertTrue(env.containsAll(List.of("VOL_NAME=u-1.ext.disk0", "VOL_SIZE=1024", "VOL_UUID=u-1",
                "VOL_CNAME=data", "EXTP_PROVIDER=p", "EXTP_POOL=/srv/pool")), env.toString());
        assertFalse(env.stream().anyMatch(l -> l.startsWith("HOME=") || l.startsWith("JAVA_HOME=")),
                "a clean environment: " + env);
        List<Path> logs;
        try (var s = Files.list(dir.resolve("logs"))) {
            logs = s.toList();
        }
        assertEquals(1, logs.size());
        assertTrue(logs.get(0).getFileName().toString().startsWith("create-p-u-1.ext.disk0-"), logs.toString());
        assertEquals("created\n", Files.readString(logs.get(0)));
    }

    @Test
    void aFailingScriptIsAnErrorWithItsLast20Lines() throws Exception {
        Path p = Providers.write(dir.resolve("p"), Map.of("grow", "for i in $(seq 1 30); do echo line $i; done; "
                + "echo 'no space' >&2; exit 3"));
        GanetiException e = assertThrows(GanetiException.class, () -> new ScriptProvider("p", p, dir.resolve("l"),
                Duration.ofSeconds(30)).grow(VOL, 2048));
        StringBuilder last = new StringBuilder();
        for (int i = 12; i <= 30; i++) {
            last.append("\nline ").append(i);
        }
        assertEquals("External storage's grow script failed (exited with exit code 3), last lines of output:"
                + last + "\nno space", e.getMessage());
    }

    @Test
    void aScriptStillRunningAtTheTimeoutIsKilled() throws Exception {
        Path pid = dir.resolve("pid");
        Path p = Providers.write(dir.resolve("p"), Map.of("remove", "echo $$ > " + pid + "; echo removing; "
                + "sleep 60"));
        long t0 = System.nanoTime();
        GanetiException e = assertThrows(GanetiException.class, () -> new ScriptProvider("p", p, dir.resolve("l"),
                Duration.ofSeconds(1)).remove(VOL));
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "bounded by the timeout");
        assertEquals("External storage's remove script failed (still running after 1 s, killed), last lines of "
                + "output:\nremoving", e.getMessage());
        long scriptPid = Long.parseLong(Files.readString(pid).strip());
        assertFalse(ProcessHandle.of(scriptPid).map(ProcessHandle::isAlive).orElse(false), "the script is gone");
    }

    @Test
    void openSaysWhetherExclusiveAndCloseRunsAndBothAreSkippedWithoutAScript() throws Exception {
        Path seen = dir.resolve("seen.txt");
        Path p = Providers.write(dir.resolve("p"), Map.of("open", "echo open $VOL_NAME $VOL_OPEN_EXCLUSIVE >> " + seen,
                "close", "echo close $VOL_NAME ${VOL_OPEN_EXCLUSIVE:-unset} >> " + seen));
        ScriptProvider provider = new ScriptProvider("p", p, dir.resolve("l"), Duration.ofSeconds(30));
        provider.open(VOL, true);
        provider.open(VOL, false);
        provider.close(VOL);
        assertEquals(List.of("open u-1.ext.disk0 True", "open u-1.ext.disk0 False", "close u-1.ext.disk0 unset"),
                Files.readAllLines(seen), "Ganeti's VOL_OPEN_EXCLUSIVE (True/False), only for open");
        Path without = Providers.write(dir.resolve("q"), Map.of());
        ScriptProvider bare = new ScriptProvider("q", without, dir.resolve("l"), Duration.ofSeconds(30));
        bare.open(VOL, true); // optional scripts: skipped when missing, as Ganeti
        bare.close(VOL);
    }

    @Test
    void snapshotGetsItsNameAndSizeAndAProviderWithoutTheScriptSaysSo() throws Exception {
        Path seen = dir.resolve("snap.txt");
        Path p = Providers.write(dir.resolve("p"), Map.of("snapshot",
                "echo $VOL_NAME $VOL_SNAPSHOT_NAME $VOL_SNAPSHOT_SIZE > " + seen));
        new ScriptProvider("p", p, dir.resolve("l"), Duration.ofSeconds(30)).snapshot(VOL, "u-1.ext.disk0.snap", 1024);
        assertEquals("u-1.ext.disk0 u-1.ext.disk0.snap 1024", Files.readString(seen).strip());
        Path without = Providers.write(dir.resolve("q"), Map.of());
        GanetiException e = assertThrows(GanetiException.class, () -> new ScriptProvider("q", without,
                dir.resolve("l"), Duration.ofSeconds(30)).snapshot(VOL, "u-1.ext.disk0.snap", 1024));
        assertTrue(e.getMessage().contains("ExtStorage provider 'q' has no snapshot script"), e.getMessage());
    }

    @Test
    void attachGivesItsOutputLines() throws Exception {
        Path p = Providers.write(dir.resolve("p"), Map.of("attach", "echo /dev/loop7; echo kvm:nbd:unix:/s; "
                + "echo noise >&2"));
        assertEquals(List.of("/dev/loop7", "kvm:nbd:unix:/s"), new ScriptProvider("p", p, dir.resolve("l"),
                Duration.ofSeconds(30)).attach(VOL));
    }

    @Test
    void parametersListAndGanetisChecksOfTheDirectory() throws Exception {
        Path p = Providers.write(dir.resolve("p"), Map.of(), "pool", "speed");
        assertEquals(List.of(new ParamDoc("pool", "the pool parameter"), new ParamDoc("speed",
                "the speed parameter")), new ScriptProvider("p", p, dir, Duration.ofSeconds(5)).parameters());
        assertNull(ScriptProvider.problem(p));
        Files.delete(p.resolve("verify"));
        assertEquals("File 'verify' under path '" + p + "' is missing", ScriptProvider.problem(p));
        Providers.write(p, Map.of());
        p.resolve("setinfo").toFile().setExecutable(false, false);
        assertEquals("File 'setinfo' under path '" + p + "' is not executable", ScriptProvider.problem(p));
    }
}
