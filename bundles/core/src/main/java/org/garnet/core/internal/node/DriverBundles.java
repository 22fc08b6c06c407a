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
 * ({@code Garnet-ExtStorage}) and OS definitions ({@code Garnet-OS}) — which {@code gnt-cluster redist-conf}
 * copies from the master to the nodes that lack them (Karaf's deployer installs them there). Only jars with one of
 * those manifest headers are listed or written.
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
                if (!p.getFileName().toString().endsWith(".jar") || !Files.isRegularFile(p)) {
                    continue;
                }
                byte[] jar = Files.readAllBytes(p);
                if (driverHeader(jar) != null) {
                    out.put(p.getFileName().toString(), sha256(jar));
                }
            }
        } catch (IOException e) {
            throw GanetiException.exec("Cannot list " + deploy + ": " + e.getMessage());
        }
        return out;
    }

    public byte[] read(String name) {
        try {
            return Files.readAllBytes(deploy.resolve(checked(name)));
        } catch (IOException e) {
            throw GanetiException.exec("Cannot read " + deploy.resolve(name) + ": " + e.getMessage());
        }
    }

    /** Puts a driver bundle into deploy/ at once (written aside, fsync'd, renamed): the deployer sees it whole. */
    public void write(String name, byte[] jar) {
        if (driverHeader(jar) == null) {
            throw GanetiException.exec("'" + name + "' is not a driver bundle (no " + String.join(" or ", HEADERS)
                    + " header in its manifest)");
        }
        Path target = deploy.resolve(checked(name));
        try {
            Files.createDirectories(deploy);
            Path tmp = deploy.resolve("." + name + ".upload"); // fileinstall skips hidden files
            Files.write(tmp, jar);
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw GanetiException.exec("Cannot write " + target + ": " + e.getMessage());
        }
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

    private static String checked(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*\\.jar")) {
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
