/** Garnet API: os. */
@Version("1.0.0")
package org.garnet.api.os;

import org.osgi.annotation.versioning.Version;
