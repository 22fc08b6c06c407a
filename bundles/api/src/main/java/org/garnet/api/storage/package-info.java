/** Garnet API: storage. */
@Version("1.3.0")
package org.garnet.api.storage;

import org.osgi.annotation.versioning.Version;
