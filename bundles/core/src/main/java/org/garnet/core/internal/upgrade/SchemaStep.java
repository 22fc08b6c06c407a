package org.garnet.core.internal.upgrade;

import org.garnet.api.config.ConfigStore;

/**
 * One change of the configuration's schema that a release brought (Ganeti's cfgupgrade steps): {@link #up} makes
 * a configuration of the release before ready for this one (a new field or parameter with its default), and
 * {@link #down} undoes it for the release before (Ganeti's {@code cfgupgrade --downgrade}). A release registers
 * its steps as services of this type; the core of the newer release runs them: upwards on the master once it runs
 * the new release, downwards before the cluster swaps back. Both are run again when an upgrade is resumed: they
 * must leave a configuration already converted as it is.
 */
public interface SchemaStep {
    /** The release that brought the change (as releases are named: {@code 0.2.0}). */
    String release();

    /** What changes, for the upgrade's lines ({@code node parameter garnet_zone}). */
    String describe();

    void up(ConfigStore store);

    void down(ConfigStore store);
}
