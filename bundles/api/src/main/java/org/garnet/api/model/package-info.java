/** Garnet API: model. */
@Version("1.1.0")
package org.garnet.api.model;

import org.osgi.annotation.versioning.Version;
