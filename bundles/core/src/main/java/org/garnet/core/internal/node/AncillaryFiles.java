package org.garnet.core.internal.node;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.garnet.api.GanetiException;

/**
 * The files the master copies to the other nodes besides ssconf (Ganeti's ancillary files, sent with
 * {@code upload_file}): by Ganeti's path, each kept under the node's data root. Only these may be written
 * that way, as Ganeti's node daemon allows only its list. Garnet has two so far: the RAPI users and the RAPI
 * certificate with its key, so that the RAPI of a new master (after a failover) knows the same users and shows
 * the same certificate (clients that pinned it keep working).
 */
public final class AncillaryFiles {
    /** Ganeti's path of the RAPI users file. */
    public static final String RAPI_USERS = "/var/lib/ganeti/rapi/users";
    /** Ganeti's path of the RAPI certificate (key and certificate, PEM). */
    public static final String RAPI_CERT = "/var/lib/ganeti/rapi.pem";
    private static final Map<String, String> UNDER_DATA_ROOT = Map.of(RAPI_USERS, "rapi/users",
            RAPI_CERT, "rapi/rapi.pem");
    /** Ganeti's RPC encodings of file contents: plain, and zlib then base64. */
    static final int ENCODING_NONE = 0;
    public static final int ENCODING_ZLIB_BASE64 = 1;
    private final Path dataRoot;

    public AncillaryFiles(Path dataRoot) {
        this.dataRoot = dataRoot;
    }

    /** Where a file of Ganeti's list lives on this node; empty for any other path. */
    public Optional<Path> local(String ganetiPath) {
        return Optional.ofNullable(UNDER_DATA_ROOT.get(ganetiPath)).map(dataRoot::resolve);
    }

    /** The files of the list this node has, by Ganeti's path. */
    public Map<String, Path> present() {
        Map<String, Path> out = new java.util.TreeMap<>();
        UNDER_DATA_ROOT.forEach((g, rel) -> {
            Path p = dataRoot.resolve(rel);
            if (Files.isRegularFile(p)) {
                out.put(g, p);
            }
        });
        return out;
    }

    /** The node's side of {@code upload_file}: the file replaced at once (written aside, fsync'd, renamed). */
    public void write(String ganetiPath, int encoding, String data, int mode) {
        Path target = local(ganetiPath).orElseThrow(() -> GanetiException.exec("Filename passed to UploadFile not"
                + " in allowed upload targets: '" + ganetiPath + "'"));
        byte[] content = decode(encoding, data);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling("." + target.getFileName() + ".upload");
            Files.write(tmp, content);
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            Files.setPosixFilePermissions(tmp, permissions(mode));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw GanetiException.exec("Cannot write " + target + ": " + e.getMessage());
        }
    }

    /** Ganeti's [encoding, data] pair for {@code content}: zlib, then base64. */
    public static String encode(byte[] content) {
        Deflater d = new Deflater();
        d.setInput(content);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    public static byte[] decode(int encoding, String data) {
        if (encoding == ENCODING_NONE) {
            return data.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        if (encoding != ENCODING_ZLIB_BASE64) {
            throw GanetiException.exec("Unknown file encoding " + encoding);
        }
        Inflater inf = new Inflater();
        try {
            inf.setInput(Base64.getDecoder().decode(data));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw GanetiException.exec("Truncated compressed file data");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IllegalArgumentException | DataFormatException e) {
            throw GanetiException.exec("Invalid file data: " + e.getMessage());
        } finally {
            inf.end();
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }
}
