/** Garnet API: query. */
@Version("1.0.0")
package org.garnet.api.query;

import org.osgi.annotation.versioning.Version;
