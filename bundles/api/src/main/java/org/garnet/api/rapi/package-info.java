/** Garnet API: the RAPI's certificate, for {@code gnt-cluster renew-crypto}. */
@Version("1.1.0")
package org.garnet.api.rapi;

import org.osgi.annotation.versioning.Version;
