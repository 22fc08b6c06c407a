package org.garnet.crypto;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Predicate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS contexts of the cluster: both sides present their node identity and trust only the cluster's certificate
 * authority; the server side also asks a predicate whether the verified client may call at all (Ganeti's node
 * daemon accepts only the master and the master candidates), so everyone else is refused in the handshake.
 */
public final class Tls {
    private Tls() {
    }

    /** A context presenting {@code identity} and trusting certificates signed by {@code authority} only. */
    public static SSLContext context(Identity identity, X509Certificate authority) {
        return context(identity, authority, c -> true);
    }

    /**
     * As {@link #context(Identity, X509Certificate)}, refusing a peer whose verified certificate does not pass
     * {@code acceptPeer} (checked for clients of a server context).
     */
    public static SSLContext context(Identity identity, X509Certificate authority,
                                     Predicate<X509Certificate> acceptPeer) {
        return context(identity, authority, acceptPeer, reason -> { });
    }

    /**
     * As {@link #context(Identity, X509Certificate, Predicate)}, telling {@code refused} why a client certificate
     * was refused (not signed by the authority, or not admitted).
     */
    public static SSLContext context(Identity identity, X509Certificate authority,
                                     Predicate<X509Certificate> acceptPeer,
                                     java.util.function.Consumer<String> refused) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(new KeyManager[] {keyManager(identity)},
                    new TrustManager[] {trustManager(authority, acceptPeer, refused)}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context: " + e.getMessage(), e);
        }
    }

    /** The key manager presenting {@code identity} (for engines that build their own TLS, such as gRPC's). */
    public static X509KeyManager keyManager(Identity identity) {
        try {
            char[] pw = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("identity", identity.key(), pw, identity.chain().toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, pw);
            for (KeyManager km : kmf.getKeyManagers()) {
                if (km instanceof X509KeyManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("no X.509 key manager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a key manager: " + e.getMessage(), e);
        }
    }

    /**
     * The trust manager of {@link #context(Identity, X509Certificate, Predicate, java.util.function.Consumer)}:
     * certificates signed by {@code authority} only, and clients that pass {@code acceptPeer}.
     */
    public static X509ExtendedTrustManager trustManager(X509Certificate authority,
                                                        Predicate<X509Certificate> acceptPeer,
                                                        java.util.function.Consumer<String> refused) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("authority", authority);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            X509ExtendedTrustManager base = null;
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    base = x;
                }
            }
            return new Gate(base, acceptPeer, refused);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a trust manager: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface CheckedCall {
        void run() throws CertificateException;
    }

    /** The default checks, then the predicate on the client's certificate. */
    private static final class Gate extends X509ExtendedTrustManager implements X509TrustManager {
        private final X509ExtendedTrustManager base;
        private final Predicate<X509Certificate> accept;
        private final java.util.function.Consumer<String> refused;

        Gate(X509ExtendedTrustManager base, Predicate<X509Certificate> accept,
             java.util.function.Consumer<String> refused) {
            this.base = base;
            this.accept = accept;
            this.refused = refused;
        }

        /** The authority's check; a failure is reported before it ends the handshake. */
        private void verify(X509Certificate[] chain, CheckedCall call) throws CertificateException {
            try {
                call.run();
            } catch (CertificateException e) {
                refused.accept("certificate " + (chain == null || chain.length == 0 ? "(none)"
                        : chain[0].getSubjectX500Principal().getName()) + " refused: " + e.getMessage());
                throw e;
            }
        }

        private void admit(X509Certificate[] chain) throws CertificateException {
            if (!accept.test(chain[0])) {
                throw new CertificateException("certificate " + chain[0].getSubjectX500Principal().getName()
                        + " is not allowed to call this node");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket s) throws CertificateException {
            verify(chain, () -> base.checkClientTrusted(chain, authType, s));
            admit(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e)
                throws CertificateException {
            verify(chain, () -> base.checkClientTrusted(chain, authType, e));
            admit(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            verify(chain, () -> base.checkClientTrusted(chain, authType));
            admit(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket s) throws CertificateException {
            base.checkServerTrusted(chain, authType, s);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e)
                throws CertificateException {
            base.checkServerTrusted(chain, authType, e);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            base.checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return base.getAcceptedIssuers();
        }
    }
}
