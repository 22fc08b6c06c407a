package org.garnet.core.internal.node;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.garnet.api.GanetiException;

/**
 * The script-only driver bundles dropped into an appliance's {@code deploy/} folder — ExtStorage providers
 * ({@code Garnet-ExtStorage}) and OS definitions ({@code Garnet-OS}) — and the Garnet releases there (Karaf
 * archives {@code garnet-V.kar} carrying the feature repository {@code garnet-features}), which
 * {@code gnt-cluster redist-conf} copies from the master to the nodes that lack them (Karaf's deployer installs
 * them there). Only jars with one of those manifest headers and such archives are listed or written.
 */
public final class DriverBundles {
    static final List<String> HEADERS = List.of("Garnet-ExtStorage", "Garnet-OS");
    private final Path deploy;

    public DriverBundles(Path deploy) {
        this.deploy = deploy;
    }

    /** This appliance's {@code ${karaf.base}/deploy}. */
    public static DriverBundles ofThisAppliance() {
        return new DriverBundles(Path.of(System.getProperty("karaf.base", "."), "deploy"));
    }

    /** The driver bundles there: file name → SHA-256 of the jar. */
    public Map<String, String> digests() {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(deploy)) {
            return out;
        }
        try (var files = Files.list(deploy)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (!(name.endsWith(".jar") || name.endsWith(".kar")) || !Files.isRegularFile(p)) {
                    continue;
                }
                byte[] jar = Files.readAllBytes(p);
                if (name.endsWith(".jar") ? driverHeader(jar) != null : isRelease(jar)) {
                    out.put(p.getFileName().toString(), sha256(jar));
                }
            }
        } catch (IOException e) {
            throw GanetiException.exec("Cannot list " + deploy + ": " + e.getMessage());
        }
        return out;
    }

    /** Puts a driver bundle or release into deploy/ at once, as {@link #sink} does. */
    public void write(String name, byte[] content) {
        try {
            sink(name).write(new ByteArrayInputStream(content));
        } catch (IOException e) {
            throw GanetiException.exec("Cannot write " + deploy.resolve(name) + ": " + e.getMessage());
        }
    }

    /** The file {@code name} of deploy/ (a plain file name of a jar or kar). */
    public Path path(String name) {
        return deploy.resolve(checked(name));
    }

    /**
     * Where a driver bundle or release sent by the master goes: written aside (a hidden file, which Karaf's
     * deployer skips), fsync'd, checked (a jar must name a provider or an OS, a kar must carry Garnet's feature
     * repository), then renamed into deploy/, so the deployer sees it whole or not at all.
     */
    public org.garnet.core.internal.noded.DiskStreams.Sink sink(String name) {
        Path target = path(name);
        return new org.garnet.core.internal.noded.DiskStreams.Sink() {
            @Override
            public long write(java.io.InputStream in) throws IOException {
                Files.createDirectories(deploy);
                Path tmp = deploy.resolve("." + name + ".upload");
                long n;
                try {
                    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING)) {
                        n = in.transferTo(java.nio.channels.Channels.newOutputStream(c));
                        c.force(true);
                    }
                    if (name.endsWith(".kar") ? !isRelease(tmp) : driverHeader(Files.readAllBytes(tmp)) == null) {
                        throw GanetiException.exec(name.endsWith(".kar") ? "'" + name + "' is not a Garnet release"
                                + " (no " + RELEASE_REPOSITORY + " in it)" : "'" + name + "' is not a driver bundle "
                                + "(no " + String.join(" or ", HEADERS) + " header in its manifest)");
                    }
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    return n;
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }

            @Override
            public String toString() {
                return target.toString();
            }
        };
    }

    /** The driver header of a jar (which provider or OS it carries), or null. */
    static String driverHeader(byte[] jar) {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest m = in.getManifest();
            if (m == null) {
                return null;
            }
            for (String h : HEADERS) {
                String v = m.getMainAttributes().getValue(h);
                if (v != null) {
                    return h + ": " + v;
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Where a release archive keeps Garnet's feature repository. */
    static final String RELEASE_REPOSITORY = "repository/org/garnet/garnet-features/";

    /** Whether {@code kar} is a Karaf archive carrying Garnet's feature repository (a release, ./garnet kar). */
    static boolean isRelease(byte[] kar) {
        try (var in = new java.util.zip.ZipInputStream(new ByteArrayInputStream(kar))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().startsWith(RELEASE_REPOSITORY) && e.getName().endsWith("-features.xml")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** As {@link #isRelease(byte[])}, for a file (a release is tens of MB: read its directory only). */
    static boolean isRelease(Path kar) {
        try (var zip = new java.util.zip.ZipFile(kar.toFile())) {
            return zip.stream().anyMatch(e -> e.getName().startsWith(RELEASE_REPOSITORY)
                    && e.getName().endsWith("-features.xml"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String checked(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*\\.[jk]ar")) {
            throw GanetiException.exec("Bad bundle file name '" + name + "'");
        }
        return name;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
