package org.garnet.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes certificates: a self-signed one (the RAPI's), the cluster's certificate authority and certificates it
 * signs (one per node, Ganeti's {@code client.pem} and server certificate in one). RSA 2048 with SHA-256, valid
 * five years as Ganeti's. Subject alternative names carry every name and address given, so clients that check
 * host names (the JDK's HTTP client, Jetty's SNI check) accept them.
 */
public final class Certificates {
    /** Ganeti's validity of its certificates. */
    public static final Duration VALIDITY = Duration.ofDays(5 * 365);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Certificates() {
    }

    /** A self-signed certificate for {@code names} (the first is the common name). */
    public static Identity selfSigned(List<String> names) {
        KeyPair pair = rsa();
        String cn = names.isEmpty() ? "localhost" : names.get(0);
        return new Identity(pair.getPrivate(), List.of(sign(builder(cn, cn, pair, names, false), pair)));
    }

    /** A new certificate authority named {@code commonName} (Ganeti: the cluster's {@code server.pem}). */
    public static Identity authority(String commonName) {
        KeyPair pair = rsa();
        return new Identity(pair.getPrivate(), List.of(sign(builder(commonName, commonName, pair, List.of(), true),
                pair)));
    }

    /**
     * A certificate for {@code names} (the first is the common name, Ganeti: the node's name) signed by
     * {@code issuer}; its chain ends with the issuer's certificate.
     */
    public static Identity issue(Identity issuer, List<String> names) {
        KeyPair pair = rsa();
        String cn = names.get(0);
        String issuerCn = issuer.certificate().getSubjectX500Principal().getName().replaceFirst("^CN=", "");
        X509Certificate cert = sign(builder(cn, issuerCn, pair, names, false),
                new KeyPair(issuer.certificate().getPublicKey(), issuer.key()));
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(cert);
        chain.addAll(issuer.chain());
        return new Identity(pair.getPrivate(), chain);
    }

    /** The certificate's digest as colon-separated upper-case hex ({@code SHA-1} as Ganeti, or {@code SHA-256}). */
    public static String fingerprint(X509Certificate cert, String algorithm) {
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot digest a certificate: " + e.getMessage(), e);
        }
    }

    /** Whether {@code name} is written as an IPv4 or IPv6 address. */
    static boolean isAddress(String name) {
        return name.matches("[0-9.]+") || name.matches("[0-9a-fA-F]*:[0-9a-fA-F:.]*");
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048, RANDOM);
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an RSA key: " + e.getMessage(), e);
        }
    }

    private static JcaX509v3CertificateBuilder builder(String cn, String issuerCn, KeyPair pair, List<String> names,
                                                       boolean authority) {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuerCn),
                new BigInteger(64, RANDOM), Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)),
                new X500Name("CN=" + cn), pair.getPublic());
        try {
            if (authority) {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            if (!names.isEmpty()) {
                GeneralName[] san = names.stream().distinct().map(n -> isAddress(n)
                        ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n))
                        .toArray(GeneralName[]::new);
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
            }
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build a certificate: " + e.getMessage(), e);
        }
        return b;
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder b, KeyPair signer) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a certificate: " + e.getMessage(), e);
        }
    }

    /** The DER encoding, for comparisons. */
    public static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
