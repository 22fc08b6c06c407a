package org.garnet.api.release;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The Garnet releases of this node: each one is a version of the feature {@value #FEATURE} (a feature repository
 * {@code garnet-V}, from the appliance's own {@code system/} or from a Karaf archive {@code garnet-V.kar} dropped
 * into {@code deploy/}), and the one whose bundle set runs.
 */
@ProviderType
public interface Releases {
    /** The feature that is the whole bundle set of a release. */
    String FEATURE = "garnet";

    /** The version of the bundle set running now (the installed {@value #FEATURE} feature's). */
    String running();

    /** Every version known on this node, oldest first (the running one among them). */
    List<String> installed();
}
