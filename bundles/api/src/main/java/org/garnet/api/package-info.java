/** Garnet API: errors, reason trail and common types. */
@Version("1.1.0")
package org.garnet.api;

import org.osgi.annotation.versioning.Version;
