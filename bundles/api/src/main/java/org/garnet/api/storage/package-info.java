/** Garnet API: storage. */
@Version("1.2.0")
package org.garnet.api.storage;

import org.osgi.annotation.versioning.Version;
