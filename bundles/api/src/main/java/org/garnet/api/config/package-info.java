/** Garnet API: config. */
@Version("1.4.0")
package org.garnet.api.config;

import org.osgi.annotation.versioning.Version;
