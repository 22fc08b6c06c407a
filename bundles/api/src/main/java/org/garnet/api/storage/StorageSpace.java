package org.garnet.api.storage;

/** Storage figures in MiB (Ganeti's {@code storage_size} / {@code storage_free}). */
public record StorageSpace(String type, String name, long sizeMiB, long freeMiB) {
}
