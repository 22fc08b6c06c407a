/** Garnet API: Ganeti's lock levels and a view of the lock manager. */
@Version("1.0.0")
package org.garnet.api.locks;

import org.osgi.annotation.versioning.Version;
