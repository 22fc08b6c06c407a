package org.garnet.api.storage;

/**
 * Properties of a disk template, with Ganeti's classification: mirrored internally (drbd) or externally
 * (shared storage: migrate to any node), file based, growable, snapshot capable, free-space checked.
 */
public record TemplateTraits(boolean internallyMirrored, boolean externallyMirrored, boolean fileBased,
                             boolean growable, boolean snapshotCapable, boolean checksFreeSpace,
                             int requiredNodes) {
}
