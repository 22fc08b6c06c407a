package org.garnet.rapi.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The RAPI certificate (Ganeti's {@code rapi.pem}): a self-signed RSA certificate made with BouncyCastle, kept in
 * a PKCS#12 key store with a random password beside it. Its subject alternative names hold every name and
 * address of this node, so Jetty's SNI host check passes for clients that verify names.
 */
public final class Certificates {
    private static final Duration VALIDITY = Duration.ofDays(5 * 365);

    private Certificates() {
    }

    /** The key store's password, creating key store and password when missing; returns the password. */
    public static char[] ensure(Path keyStore, Path passwordFile, List<String> names) {
        try {
            if (Files.exists(keyStore) && Files.exists(passwordFile)) {
                return Files.readString(passwordFile).strip().toCharArray();
            }
            return create(keyStore, passwordFile, names);
        } catch (IOException | GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot create the RAPI certificate " + keyStore + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the certificate ({@code gnt-cluster renew-crypto --new-rapi-certificate}). */
    public static char[] create(Path keyStore, Path passwordFile, List<String> names)
            throws IOException, GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
        Files.createDirectories(keyStore.getParent());
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048, new SecureRandom());
        KeyPair pair = gen.generateKeyPair();
        String cn = names.isEmpty() ? "localhost" : names.get(0);
        Instant now = Instant.now();
        List<GeneralName> san = new ArrayList<>();
        for (String n : names) {
            san.add(n.matches("[0-9.]+|[0-9a-fA-F:]+:[0-9a-fA-F:]*") ? new GeneralName(GeneralName.iPAddress, n)
                    : new GeneralName(GeneralName.dNSName, n));
        }
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=" + cn),
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(VALIDITY)), new X500Name("CN=" + cn), pair.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san.toArray(GeneralName[]::new)));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        char[] password = randomPassword();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("rapi", pair.getPrivate(), password, new X509Certificate[] {cert});
        Path tmp = Files.createTempFile(keyStore.getParent(), ".rapi", ".p12");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ks.store(out, password);
        }
        Path tmpPass = Files.createTempFile(passwordFile.getParent(), ".rapi", ".pass");
        Files.writeString(tmpPass, new String(password) + "\n");
        restrict(tmp);
        restrict(tmpPass);
        Files.move(tmpPass, passwordFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, keyStore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return password;
    }

    /** SHA-256 fingerprint of the certificate in the key store, {@code AA:BB:...}. */
    /** The expiry of the certificate in the key store. */
    public static java.time.Instant notAfter(Path keyStore, Path passwordFile) {
        try (java.io.InputStream in = Files.newInputStream(keyStore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, Files.readString(passwordFile).strip().toCharArray());
            return ((java.security.cert.X509Certificate) ks.getCertificate("rapi")).getNotAfter().toInstant();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the RAPI certificate: " + e.getMessage(), e);
        }
    }

    public static String fingerprint(Path keyStore, Path passwordFile) {
        try (java.io.InputStream in = Files.newInputStream(keyStore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, Files.readString(passwordFile).strip().toCharArray());
            byte[] der = ks.getCertificate("rapi").getEncoded();
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(der);
            return java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the RAPI certificate: " + e.getMessage(), e);
        }
    }

    /** This node's names and addresses for the certificate. */
    public static List<String> localNames(String bindAddress) {
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

    private static char[] randomPassword() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b).toCharArray();
    }

    private static void restrict(Path p) {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException ignored) {
            // not a POSIX file system: default permissions
        }
    }
}
