/** Garnet API: config. */
@Version("1.0.0")
package org.garnet.api.config;

import org.osgi.annotation.versioning.Version;
