/** Garnet API: hypervisor. */
@Version("1.5.0")
package org.garnet.api.hypervisor;

import org.osgi.annotation.versioning.Version;
