/** Garnet API: jobs. */
@Version("1.1.0")
package org.garnet.api.jobs;

import org.osgi.annotation.versioning.Version;
