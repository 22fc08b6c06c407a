package org.garnet.core.internal.node;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.garnet.crypto.Certificates;
import org.garnet.crypto.Identity;
import org.garnet.crypto.KeyStoreFile;
import org.garnet.crypto.Pem;
import org.garnet.crypto.Tls;

/**
 * This node's share of the cluster's certificates, under {@code <data root>/crypto}: the cluster's certificate
 * authority (Ganeti's {@code server.pem}, the same on every node, key included) and the node's own key and
 * certificate signed by it (Ganeti's {@code client.pem}; Garnet's node daemon also serves with it). Fingerprints
 * are SHA-1 as in Ganeti's {@code candidate_certs}.
 */
public final class NodeCrypto {
    private final KeyStoreFile authority;
    private final KeyStoreFile node;

    public NodeCrypto(Path dataRoot) {
        Path dir = dataRoot.resolve("crypto");
        this.authority = KeyStoreFile.in(dir, "cluster-ca");
        this.node = KeyStoreFile.in(dir, "node");
    }

    /** Whether this node holds the cluster's certificates (it belongs to a cluster). */
    public boolean present() {
        return authority.exists() && node.exists();
    }

    /** {@code gnt-cluster init}: a new authority and this node's certificate. */
    public void createCluster(String clusterName, String nodeName, List<String> addresses) {
        Identity ca = Certificates.authority(clusterName);
        authority.write(ca);
        node.write(Certificates.issue(ca, names(nodeName, addresses)));
    }

    /** A certificate for another node, signed by this node's copy of the authority. */
    public Identity issue(String nodeName, List<String> addresses) {
        return Certificates.issue(authority.read(), names(nodeName, addresses));
    }

    /** Replaces this node's own certificate ({@code renew-crypto --new-node-certificates} on the master). */
    public void renewOwn(String nodeName, List<String> addresses) {
        node.write(issue(nodeName, addresses));
    }

    /** A joining node stores what the master sent: the authority and its own identity, both PEM. */
    public void install(String authorityPem, String nodePem) {
        Identity ca = Pem.identity(authorityPem);
        Identity own = Pem.identity(nodePem);
        try {
            own.certificate().verify(ca.certificate().getPublicKey());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("the node certificate is not signed by the cluster's authority");
        }
        authority.write(ca);
        node.write(own);
    }

    /** Replaces this node's own identity by one the master issued (PEM), after checking its issuer. */
    public void installOwn(String nodePem) {
        Identity own = Pem.identity(nodePem);
        try {
            own.certificate().verify(authorityCertificate().getPublicKey());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("the node certificate is not signed by the cluster's authority");
        }
        node.write(own);
    }

    /** Forgets the certificates (a node removed from its cluster). */
    public void delete() {
        node.delete();
        authority.delete();
    }

    public String authorityPem() {
        return Pem.of(authority.read());
    }

    public X509Certificate authorityCertificate() {
        return authority.read().certificate();
    }

    /** SHA-1 fingerprint of this node's certificate (Ganeti's digest in {@code candidate_certs}). */
    public String fingerprint() {
        return Certificates.fingerprint(node.read().certificate(), "SHA-1");
    }

    public static String fingerprint(X509Certificate cert) {
        return Certificates.fingerprint(cert, "SHA-1");
    }

    /** The IP addresses the node's certificate names (its primary and secondary addresses). */
    public List<String> addresses() {
        List<String> out = new ArrayList<>();
        try {
            var sans = node.read().certificate().getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (Integer.valueOf(7).equals(san.get(0))) {
                        out.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            // no usable names: the configured address only
        }
        return out;
    }

    /** When the node's certificate expires. */
    public java.time.Instant notAfter() {
        return node.read().certificate().getNotAfter().toInstant();
    }

    /** The client side of node RPC: this node's identity, trusting the cluster's authority. */
    public SSLContext clientContext() {
        return Tls.context(node.read(), authorityCertificate());
    }

    /** The node daemon's side: this node's identity; callers must be cluster-signed and pass {@code admit}. */
    public SSLContext serverContext(Predicate<X509Certificate> admit, java.util.function.Consumer<String> refused) {
        return Tls.context(node.read(), authorityCertificate(), admit, refused);
    }

    private static List<String> names(String nodeName, List<String> addresses) {
        List<String> out = new ArrayList<>();
        out.add(nodeName);
        addresses.stream().filter(a -> a != null && !a.isBlank() && !out.contains(a)).forEach(out::add);
        return out;
    }
}
