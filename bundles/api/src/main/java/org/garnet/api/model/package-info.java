/** Garnet API: model. */
@Version("1.4.0")
package org.garnet.api.model;

import org.osgi.annotation.versioning.Version;
