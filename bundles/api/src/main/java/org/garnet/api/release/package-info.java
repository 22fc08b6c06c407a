/** Garnet API: the releases installed on a node and the one it runs. */
@Version("1.1.0")
package org.garnet.api.release;

import org.osgi.annotation.versioning.Version;
