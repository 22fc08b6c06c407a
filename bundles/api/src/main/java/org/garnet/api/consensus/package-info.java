/**
 * Garnet API: consensus. The master candidates keep one replicated log; the states built from it (the
 * configuration, the job queue) apply its entries in order on every candidate, and the master is the log's
 * leader. Nothing outside the consensus bundle knows which engine keeps the log.
 */
@Version("1.5.0")
package org.garnet.api.consensus;

import org.osgi.annotation.versioning.Version;
