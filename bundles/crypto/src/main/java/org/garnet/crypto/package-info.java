/**
 * Garnet's certificates in one place: the cluster's certificate authority, node certificates signed by it, the
 * RAPI's self-signed certificate, PKCS#12 key stores with their password files, and the TLS contexts of the node
 * daemon (mutual TLS) and its clients. Built on BouncyCastle and the JDK's JSSE.
 */
@Version("1.1.0")
package org.garnet.crypto;

import org.osgi.annotation.versioning.Version;
