package org.garnet.rapi.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.garnet.crypto.KeyStoreFile;

/**
 * The RAPI certificate (Ganeti's {@code rapi.pem}): self-signed, made by the crypto bundle, kept in
 * {@code rapi.p12} with its password in {@code rapi.pass}. Its subject alternative names hold every name and
 * address of this node, so Jetty's SNI host check passes for clients that verify names.
 */
final class Certificates {
    private Certificates() {
    }

    /** The key store's password, creating the certificate when missing. */
    static char[] ensure(KeyStoreFile file, List<String> names) {
        if (!file.exists()) {
            create(file, names);
        }
        return file.password();
    }

    /** Replaces the certificate ({@code gnt-cluster renew-crypto --new-rapi-certificate}); returns the password. */
    static char[] create(KeyStoreFile file, List<String> names) {
        file.write(org.garnet.crypto.Certificates.selfSigned(names));
        return file.password();
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
