/** Garnet API: hypervisor. */
@Version("1.3.0")
package org.garnet.api.hypervisor;

import org.osgi.annotation.versioning.Version;
