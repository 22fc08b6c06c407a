package org.garnet.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The appliance's {@code deploy/} folder as an operator uses it: jars copied in, overwritten, deleted; Karaf's
 * file installer installs, updates and uninstalls them. Each step returns once the bundle is in the state the
 * step asks for (bounded).
 */
final class Deploy {
    private final BundleContext context;
    private final Path dir;

    Deploy(BundleContext context, Path dir) {
        this.context = context;
        this.dir = dir;
    }

    /**
     * Moves one of the appliance's own driver bundles from its feature into {@code deploy/}: the installed bundle
     * is uninstalled and the same jar dropped in. Returns the jar.
     */
    byte[] takeOver(String symbolicName) throws Exception {
        Bundle installed = HotSwapIT.bundle(context, symbolicName);
        if (installed == null) {
            throw new AssertionError(symbolicName + " is not installed");
        }
        if (installed.getLocation().startsWith("file:") && installed.getLocation().contains("/deploy/")) {
            try (InputStream in = Files.newInputStream(dir.resolve(symbolicName + ".jar"))) {
                return in.readAllBytes(); // taken over by an earlier test of this container
            }
        }
        byte[] jar;
        try (InputStream in = new java.net.URL(installed.getLocation()).openStream()) {
            jar = in.readAllBytes();
        }
        installed.uninstall();
        HotSwapIT.awaitTrue(symbolicName + " uninstalled", () -> HotSwapIT.bundle(context, symbolicName) == null);
        drop(symbolicName, jar);
        return jar;
    }

    /** Copies the jar into {@code deploy/} (whole: written beside, then moved); returns once it is active. */
    void drop(String symbolicName, byte[] jar) throws IOException {
        Path tmp = Files.createTempFile(dir.getParent(), symbolicName, ".part");
        Files.write(tmp, jar);
        Files.move(tmp, dir.resolve(symbolicName + ".jar"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Manifest m = new JarInputStream(new ByteArrayInputStream(jar)).getManifest();
        String version = m.getMainAttributes().getValue("Bundle-Version");
        boolean components = m.getMainAttributes().getValue("Service-Component") != null;
        HotSwapIT.awaitTrue(symbolicName + " " + version + " active from deploy/", () -> {
            Bundle b = HotSwapIT.bundle(context, symbolicName);
            return b != null && b.getState() == Bundle.ACTIVE
                    && b.getVersion().equals(org.osgi.framework.Version.parseVersion(version))
                    && (!components || b.getRegisteredServices() != null && b.getRegisteredServices().length > 0);
        });
    }

    /** Overwrites the jar in {@code deploy/} with another version: the file installer updates the bundle. */
    void replace(String symbolicName, byte[] jar) throws IOException {
        drop(symbolicName, jar);
    }

    /** Deletes the jar from {@code deploy/}; returns once the bundle is uninstalled. */
    void remove(String symbolicName) throws IOException {
        Files.delete(dir.resolve(symbolicName + ".jar"));
        HotSwapIT.awaitTrue(symbolicName + " uninstalled", () -> HotSwapIT.bundle(context, symbolicName) == null);
    }

    /** The same bundle with another {@code Bundle-Version}: what a newer build of it would be. */
    static byte[] withVersion(byte[] jar, String version) throws IOException {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest m = new Manifest(in.getManifest());
            m.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JarOutputStream out = new JarOutputStream(bytes, m)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            return bytes.toByteArray();
        }
    }
}
