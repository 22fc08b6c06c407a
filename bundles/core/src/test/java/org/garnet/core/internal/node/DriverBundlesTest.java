package org.garnet.core.internal.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.garnet.api.GanetiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver bundles of a deploy/ folder: only jars naming a provider or an OS are listed and written. */
class DriverBundlesTest {
    @TempDir
    Path deploy;

    private static byte[] jar(String header, String value) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (header != null) {
            m.getMainAttributes().putValue(header, value);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return out.toByteArray();
    }

    @Test
    void onlyDriverBundlesAreListedAndWritten() throws IOException {
        Files.write(deploy.resolve("other.jar"), jar(null, null));
        Files.writeString(deploy.resolve("README"), "drop bundles here");
        DriverBundles b = new DriverBundles(deploy);
        byte[] loop = jar("Garnet-ExtStorage", "loop");
        b.write("org.garnet.extstorage.loop-1.jar", loop);
        b.write("os.image-1.jar", jar("Garnet-OS", "image"));
        assertEquals(java.util.List.of("org.garnet.extstorage.loop-1.jar", "os.image-1.jar"),
                java.util.List.copyOf(b.digests().keySet()));
        assertArrayEquals(loop, Files.readAllBytes(b.path("org.garnet.extstorage.loop-1.jar")));
        GanetiException notDriver = assertThrows(GanetiException.class, () -> b.write("x.jar", jar(null, null)));
        assertEquals("'x.jar' is not a driver bundle (no Garnet-ExtStorage or Garnet-OS header in its manifest)",
                notDriver.getMessage());
        assertThrows(GanetiException.class, () -> b.write("../escape.jar", loop));
        assertEquals(false, Files.exists(deploy.resolve("x.jar")));
    }

    /** A Karaf archive with these entries. */
    private static byte[] kar(String... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var z = new java.util.zip.ZipOutputStream(out)) {
            for (String e : entries) {
                z.putNextEntry(new java.util.zip.ZipEntry(e));
                z.write("x".getBytes());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void releaseArchivesAreListedAndWrittenOtherArchivesNot() throws IOException {
        byte[] release = kar("META-INF/MANIFEST.MF", "repository/org/garnet/org.garnet.core/0.2.0/org.garnet.core-0.2.0.jar",
                "repository/org/garnet/garnet-features/0.2.0/garnet-features-0.2.0-features.xml");
        Files.write(deploy.resolve("camel.kar"), kar("repository/org/apache/camel/camel-features.xml"));
        DriverBundles b = new DriverBundles(deploy);
        b.write("garnet-0.2.0.kar", release);
        assertEquals(java.util.List.of("garnet-0.2.0.kar"), java.util.List.copyOf(b.digests().keySet()));
        assertArrayEquals(release, Files.readAllBytes(b.path("garnet-0.2.0.kar")));
        GanetiException notRelease = assertThrows(GanetiException.class, () -> b.write("other.kar",
                kar("repository/org/apache/camel/camel-features.xml")));
        assertEquals("'other.kar' is not a Garnet release (no repository/org/garnet/garnet-features/ in it)",
                notRelease.getMessage());
    }
}
