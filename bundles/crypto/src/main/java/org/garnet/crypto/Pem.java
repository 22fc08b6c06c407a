package org.garnet.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * PEM text of identities and certificates, Ganeti's file format ({@code server.pem} holds key and certificate):
 * how a certificate authority and a node's identity travel to a joining node.
 */
public final class Pem {
    private Pem() {
    }

    /** The key followed by the chain's certificates. */
    public static String of(Identity identity) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(identity.key());
            for (X509Certificate c : identity.chain()) {
                w.writeObject(c);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** A certificate alone. */
    public static String of(X509Certificate cert) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(cert);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** Reads a key and its certificates; {@link IllegalArgumentException} when either is missing. */
    public static Identity identity(String pem) {
        PrivateKey key = null;
        List<X509Certificate> chain = new ArrayList<>();
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
            JcaX509CertificateConverter certs = new JcaX509CertificateConverter();
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                if (o instanceof PEMKeyPair kp) {
                    key = keys.getPrivateKey(kp.getPrivateKeyInfo());
                } else if (o instanceof PrivateKeyInfo info) {
                    key = keys.getPrivateKey(info);
                } else if (o instanceof X509CertificateHolder h) {
                    chain.add(certs.getCertificate(h));
                }
            }
        } catch (IOException | java.security.GeneralSecurityException
                 | org.bouncycastle.util.encoders.DecoderException e) {
            // (BouncyCastle's decoder says bad base64 by an unchecked exception)
            throw new IllegalArgumentException("not a PEM key and certificate: " + e.getMessage(), e);
        }
        if (key == null || chain.isEmpty()) {
            throw new IllegalArgumentException("not a PEM key and certificate: "
                    + (key == null ? "no private key" : "no certificate"));
        }
        return new Identity(key, chain);
    }
}
