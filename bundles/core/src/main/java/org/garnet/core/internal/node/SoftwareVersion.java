package org.garnet.core.internal.node;

import org.osgi.framework.FrameworkUtil;

/** This appliance's version: as text ({@code 0.1.0}) and as Ganeti's number (1000000·major + 10000·minor + rev). */
public final class SoftwareVersion {
    private SoftwareVersion() {
    }

    public static String text() {
        var bundle = FrameworkUtil.getBundle(SoftwareVersion.class);
        if (bundle == null) {
            return "0.1.0";
        }
        var v = bundle.getVersion();
        return v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
    }

    /** The whole version of this release (the core bundle's, qualifier included: {@code 0.1.0.SNAPSHOT}). */
    public static String full() {
        var bundle = FrameworkUtil.getBundle(SoftwareVersion.class);
        return bundle == null ? "0.1.0" : bundle.getVersion().toString();
    }

    public static int number() {
        String[] p = text().split("\\.");
        return 1_000_000 * Integer.parseInt(p[0]) + 10_000 * Integer.parseInt(p[1]) + Integer.parseInt(p[2]);
    }
}
