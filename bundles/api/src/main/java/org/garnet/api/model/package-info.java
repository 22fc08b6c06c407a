/** Garnet API: model. */
@Version("1.2.0")
package org.garnet.api.model;

import org.osgi.annotation.versioning.Version;
