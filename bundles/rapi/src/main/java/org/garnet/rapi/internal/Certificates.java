package org.garnet.rapi.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import org.garnet.crypto.Identity;
import org.garnet.crypto.KeyStoreFile;
import org.garnet.crypto.Pem;

/**
 * The RAPI certificate (Ganeti's {@code rapi.pem}): self-signed, made by the crypto bundle, kept in
 * {@code rapi.p12} with its password in {@code rapi.pass}. Its subject alternative names hold every name and
 * address of this node, so Jetty's SNI host check passes for clients that verify names.
 */
final class Certificates {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Certificates.class);
    private Certificates() {
    }

    /**
     * Ganeti's {@code rapi.pem} beside the key store: the certificate in use with its key, which the master copies
     * to every node with its other ancillary files; a node takes the copy it was given ({@link #adopt}).
     */
    static final String PEM = "rapi.pem";

    /** The key store's password: the master's certificate if one was copied here, else this node's (made when missing). */
    static char[] ensure(KeyStoreFile file, Path pem, List<String> names) {
        if (!adopt(file, pem) && !file.exists()) {
            create(file, pem, names);
        } else if (!Files.exists(pem)) {
            writePem(file.read(), pem);
        }
        return file.password();
    }

    /** Replaces the certificate ({@code gnt-cluster renew-crypto --new-rapi-certificate}); returns the password. */
    static char[] create(KeyStoreFile file, Path pem, List<String> names) {
        Identity made = org.garnet.crypto.Certificates.selfSigned(names);
        file.write(made);
        writePem(made, pem);
        return file.password();
    }

    /**
     * Takes the certificate in {@code pem} (copied from the master) into the key store when it is not the one
     * there; true if it did. A file that does not read as a key and certificate is left alone and said so.
     */
    static boolean adopt(KeyStoreFile file, Path pem) {
        if (!Files.isRegularFile(pem)) {
            return false;
        }
        Identity copied;
        try {
            copied = Pem.identity(Files.readString(pem));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("RAPI certificate {}: {}", pem, e.getMessage());
            return false;
        }
        if (file.exists() && file.read().certificate().equals(copied.certificate())) {
            return false;
        }
        file.write(copied);
        LOG.info("RAPI certificate: now the cluster's, copied from the master ({})", fingerprint(file));
        return true;
    }

    /** Written aside, fsync'd and renamed, readable by its owner only (it holds the key). */
    private static void writePem(Identity identity, Path pem) {
        try {
            Path tmp = pem.resolveSibling(pem.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(tmp,
                    java.nio.file.StandardOpenOption.WRITE)) {
                c.write(java.nio.ByteBuffer.wrap(Pem.of(identity).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                c.force(true);
            }
            Files.move(tmp, pem, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + pem, e);
        }
    }

    static Instant notAfter(KeyStoreFile file) {
        return file.read().certificate().getNotAfter().toInstant();
    }

    /** SHA-256 fingerprint, {@code AA:BB:...}. */
    static String fingerprint(KeyStoreFile file) {
        return org.garnet.crypto.Certificates.fingerprint(file.read().certificate(), "SHA-256");
    }

    /** This node's names and addresses for the certificate. */
    static List<String> localNames(String bindAddress) {
        List<String> out = new ArrayList<>(List.of("localhost", "127.0.0.1"));
        try {
            String host = InetAddress.getLocalHost().getHostName();
            if (!out.contains(host)) {
                out.add(0, host);
            }
        } catch (IOException ignored) {
            // localhost only
        }
        if (!bindAddress.isEmpty() && !bindAddress.equals("0.0.0.0") && !out.contains(bindAddress)) {
            out.add(bindAddress);
        }
        return out;
    }
}
