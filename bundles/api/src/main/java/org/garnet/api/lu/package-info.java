/**
 * Garnet API: logical units, one per opcode. An {@link org.garnet.api.lu.OpDefinition} service (property
 * {@code op.id}) declares an opcode's parameters and creates the {@link org.garnet.api.lu.LogicalUnit} that runs
 * one instance of it, with Ganeti's lifecycle.
 */
@Version("1.2.0")
package org.garnet.api.lu;

import org.osgi.annotation.versioning.Version;
