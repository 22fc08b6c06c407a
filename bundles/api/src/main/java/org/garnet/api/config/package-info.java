/** Garnet API: config. */
@Version("1.2.0")
package org.garnet.api.config;

import org.osgi.annotation.versioning.Version;
