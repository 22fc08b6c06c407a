/** Garnet API: iallocator. */
@Version("1.1.0")
package org.garnet.api.iallocator;

import org.osgi.annotation.versioning.Version;
