package org.garnet.core.internal.node;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * This node's side of the release agent's files in {@code ${karaf.data}/garnet-release/} (see the agent,
 * org.garnet.release.agent): the swap request the core writes, the agent's state of it, and the upgrade's log that
 * the master's core of each release appends to ({@link org.garnet.api.release.Upgrades#LOG}).
 */
public final class ReleaseFiles {
    static final String REQUEST = "swap.request";
    static final String STATE = "swap.state";
    private final Path dir;

    public ReleaseFiles(Path dir) {
        this.dir = dir;
    }

    /** This Karaf's ({@code ${karaf.data}/garnet-release}). */
    public static ReleaseFiles local() {
        return new ReleaseFiles(Path.of(System.getProperty("karaf.data", "data"), "garnet-release"));
    }

    /** Asks the agent to swap to release {@code to} (written aside, fsync'd, renamed: whole or not at all). */
    public void requestSwap(String id, String to, int boundSeconds) {
        Properties p = new Properties();
        p.setProperty("id", id);
        p.setProperty("to", to);
        p.setProperty("bound.seconds", Integer.toString(boundSeconds));
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(".swap.request.tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "Garnet core: swap request");
            }
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            Files.move(tmp, dir.resolve(REQUEST), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the swap request in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The agent's state of the last swap (id, from, to, state, message, time); empty when there is none. */
    public Map<String, String> swapState() {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(STATE))) {
            p.load(r);
        } catch (IOException e) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    /** Appends a line to the upgrade's log (fsync'd: the shell that follows it may be the only one to see it). */
    public void log(String line) {
        try {
            Files.createDirectories(dir);
            try (FileChannel c = FileChannel.open(dir.resolve(org.garnet.api.release.Upgrades.LOG),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                c.write(java.nio.ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
                c.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(org.garnet.api.release.Upgrades.LOG)
                    + ": " + e.getMessage(), e);
        }
    }

    /** The log's length now (where the next lines start). */
    public long logSize() {
        try {
            return Files.size(dir.resolve(org.garnet.api.release.Upgrades.LOG));
        } catch (IOException e) {
            return 0;
        }
    }
}
