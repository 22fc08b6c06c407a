package org.garnet.api.rapi;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The RAPI server's certificate, published by the RAPI bundle while it runs. {@link #renew()} replaces the key
 * and certificate and makes the running server use them for new connections
 * ({@code gnt-cluster renew-crypto --new-rapi-certificate}).
 */
@ProviderType
public interface RapiCertificate {
    /** SHA-256 fingerprint of the certificate in use, as colon-separated upper-case hex. */
    String fingerprint();

    /** When the certificate in use expires ({@code gnt-cluster verify} warns before it does). */
    java.time.Instant notAfter();

    /** Makes a new key and certificate and switches the server to them. */
    void renew();
}
