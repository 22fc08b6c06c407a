package org.garnet.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real handshakes on loopback: who the cluster's mutual TLS lets in and who it refuses. */
class TlsTest {
    private final Identity ca = Certificates.authority("garnet-test-cluster");
    private final Identity master = Certificates.issue(ca, List.of("node1.example.com", "127.0.0.1"));
    private final Identity other = Certificates.issue(ca, List.of("node2.example.com", "127.0.0.1"));
    private final Identity stranger = Certificates.issue(Certificates.authority("elsewhere"),
            List.of("node1.example.com", "127.0.0.1"));

    @Test
    void issuedCertificatesNameTheNodeAndChainToTheAuthority() throws Exception {
        assertEquals("CN=node1.example.com", master.certificate().getSubjectX500Principal().getName());
        assertEquals(2, master.chain().size());
        master.certificate().verify(ca.certificate().getPublicKey());
        assertEquals(59, Certificates.fingerprint(master.certificate(), "SHA-1").length());
    }

    @Test
    void aCallerAllowedByTheServerGetsThrough() throws Exception {
        assertEquals("ok", exchange(Set.of(fp(master)), Tls.context(master, ca.certificate())));
    }

    @Test
    void aClusterCertificateNotInTheAllowedSetIsRefusedInTheHandshake() {
        assertThrows(IOException.class, () -> exchange(Set.of(fp(master)), Tls.context(other, ca.certificate())));
    }

    @Test
    void aCertificateOfAnotherAuthorityIsRefused() {
        assertThrows(IOException.class, () -> exchange(Set.of(fp(stranger)), Tls.context(stranger,
                stranger.chain().get(1))));
    }

    @Test
    void aClientWithoutCertificateIsRefused() throws Exception {
        SSLContext anonymous = SSLContext.getInstance("TLS");
        anonymous.init(null, new javax.net.ssl.TrustManager[] {trustAll()}, null);
        assertThrows(IOException.class, () -> exchange(Set.of(fp(master)), anonymous));
    }

    @Test
    void storesAndPemRoundTrip(@TempDir Path dir) {
        KeyStoreFile f = KeyStoreFile.in(dir, "node");
        f.write(master);
        assertTrue(f.exists());
        assertEquals(master.certificate(), f.read().certificate());
        Identity back = Pem.identity(Pem.of(master));
        assertEquals(master.chain(), back.chain());
        assertEquals(master.key(), back.key());
    }

    private static String fp(Identity i) {
        return Certificates.fingerprint(i.certificate(), "SHA-1");
    }

    private String exchange(Set<String> allowed, SSLContext client) throws Exception {
        SSLContext server = Tls.context(master, ca.certificate(),
                c -> allowed.contains(Certificates.fingerprint(c, "SHA-1")));
        try (SSLServerSocket ss = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ss.setNeedClientAuth(true);
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    s.getOutputStream().write("ok".getBytes());
                    s.getOutputStream().flush();
                    s.getInputStream().read();
                } catch (IOException ignored) {
                    // the refused handshake ends here
                }
            });
            try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(ss.getInetAddress(),
                    ss.getLocalPort())) {
                s.startHandshake();
                byte[] buf = new byte[2];
                int n = s.getInputStream().readNBytes(buf, 0, 2);
                if (n < 2) {
                    throw new IOException("connection closed by the server");
                }
                s.getOutputStream().write(1);
                return new String(buf);
            } finally {
                served.get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    private static javax.net.ssl.X509TrustManager trustAll() {
        return new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] c, String a) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] c, String a) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
    }
}
