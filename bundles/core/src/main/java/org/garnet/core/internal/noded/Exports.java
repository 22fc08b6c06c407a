package org.garnet.core.internal.noded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.garnet.api.GanetiException;

/**
 * A node's instance exports (Ganeti's export directory, {@code /srv/ganeti/export} under the node's data root):
 * one directory per exported instance holding its disks' dumps and {@code config.ini}. An export is written into
 * {@code NAME.new} and renamed into place only once its configuration is written, so a failed export never
 * replaces a good one.
 */
final class Exports {
    static final String CONF = "config.ini";

    private final Path dir;

    Exports(Path dir) {
        this.dir = dir;
    }

    /** The export names here, sorted (Ganeti's ListExports); no directory yet is Ganeti's error. */
    List<String> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw GanetiException.exec("No exports directory");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    /** The text of an export's {@code config.ini}; {@code path} is an export's name or a path in this directory. */
    String info(String path) throws IOException {
        Path conf = file(path).resolve(CONF);
        String text = Files.isRegularFile(conf) ? Files.readString(conf, StandardCharsets.UTF_8) : "";
        if (!text.contains("[export]") || !text.contains("[instance]")) {
            throw GanetiException.exec("Export info file doesn't have the required fields");
        }
        return text;
    }

    /** Removes export {@code name} (Ganeti's RemoveExport). */
    void remove(String name) {
        Path target = file(name);
        if (!Files.exists(target)) {
            throw GanetiException.exec("Error while removing the export: [Errno 2] No such file or directory: '"
                    + target + "'");
        }
        try {
            deleteTree(target);
        } catch (IOException e) {
            throw GanetiException.exec("Error while removing the export: " + e.getMessage());
        }
    }

    /** An empty {@code NAME.new} for an export about to be written (a leftover of a failed one is dropped). */
    void prepare(String name) throws IOException {
        Path work = file(name + ".new");
        deleteTree(work);
        Files.createDirectories(work);
    }

    /** Writes {@code NAME.new/config.ini} (fsync'd) and puts {@code NAME.new} in the place of {@code NAME}. */
    void finalize(String name, String config) throws IOException {
        Path work = file(name + ".new");
        Path conf = work.resolve(CONF);
        try (FileChannel ch = FileChannel.open(conf, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(config.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Path fin = file(name);
        deleteTree(fin);
        Files.move(work, fin, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /** A path in the export directory: relative to it, or absolute inside it; anything else is refused. */
    Path file(String path) {
        Path base = dir.toAbsolutePath().normalize();
        Path p = base.resolve(path).normalize();
        if (!p.startsWith(base) || p.equals(base)) {
            throw GanetiException.exec("File '" + path + "' is not under exports directory '" + base + "'");
        }
        return p;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
