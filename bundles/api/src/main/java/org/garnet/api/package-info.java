/** Garnet API: errors, reason trail and common types. */
@Version("1.0.0")
package org.garnet.api;

import org.osgi.annotation.versioning.Version;
