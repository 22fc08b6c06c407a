package org.garnet.rapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.garnet.crypto.KeyStoreFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RAPI certificate of a node and the copy of the master's it is given (Ganeti's rapi.pem). */
class CertificatesTest {
    @TempDir
    Path dir;

    @Test
    void aNodeMakesItsOwnCertificateAndShowsItInRapiPem() throws Exception {
        KeyStoreFile store = KeyStoreFile.in(dir, "rapi");
        Path pem = dir.resolve(Certificates.PEM);
        Certificates.ensure(store, pem, List.of("node1", "127.0.0.1"));
        assertEquals(store.read().certificate(), org.garnet.crypto.Pem.identity(Files.readString(pem)).certificate());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(pem)));
        assertFalse(Certificates.adopt(store, pem), "its own certificate is not taken again");
    }

    @Test
    void aNodeTakesTheMastersCertificateCopiedToIt() throws Exception {
        KeyStoreFile master = KeyStoreFile.in(dir.resolve("m"), "rapi");
        Path masterPem = dir.resolve("m").resolve(Certificates.PEM);
        Files.createDirectories(masterPem.getParent());
        Certificates.ensure(master, masterPem, List.of("node1"));
        KeyStoreFile node = KeyStoreFile.in(dir.resolve("n"), "rapi");
        Path nodePem = dir.resolve("n").resolve(Certificates.PEM);
        Files.createDirectories(nodePem.getParent());
        Certificates.ensure(node, nodePem, List.of("node2"));
        assertNotEquals(Certificates.fingerprint(master), Certificates.fingerprint(node));

        Files.copy(masterPem, nodePem, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Certificates.adopt(node, nodePem));
        assertEquals(Certificates.fingerprint(master), Certificates.fingerprint(node));
        assertEquals(master.read().key(), node.read().key(), "with its key: the new master serves it");
    }

    @Test
    void aCopyThatIsNoCertificateIsLeftAlone() throws Exception {
        KeyStoreFile store = KeyStoreFile.in(dir, "rapi");
        Path pem = dir.resolve(Certificates.PEM);
        Certificates.ensure(store, pem, List.of("node1"));
        String before = Certificates.fingerprint(store);
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n");
        assertFalse(Certificates.adopt(store, pem));
        assertEquals(before, Certificates.fingerprint(store));
    }
}
