/** Garnet API: hypervisor. */
@Version("1.4.0")
package org.garnet.api.hypervisor;

import org.osgi.annotation.versioning.Version;
