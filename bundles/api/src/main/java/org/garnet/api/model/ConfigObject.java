package org.garnet.api.model;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What every stored configuration object has, with Ganeti's names: {@code uuid}, {@code name},
 * {@code serial_no} (increases on every change), {@code ctime} and {@code mtime} (seconds since the epoch).
 */
@ProviderType
public interface ConfigObject {
    String uuid();

    String name();

    long serialNo();

    double ctime();

    double mtime();

    /** A copy of this object with new identity bookkeeping (used by the store on every write). */
    ConfigObject withMeta(long serialNo, double ctime, double mtime);
}
