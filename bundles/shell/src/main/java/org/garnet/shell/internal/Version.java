package org.garnet.shell.internal;

import org.osgi.framework.FrameworkUtil;

/** Garnet's version as the shell bundle knows it (major.minor.micro). */
public final class Version {
    private Version() {
    }

    public static String get() {
        var bundle = FrameworkUtil.getBundle(Version.class);
        if (bundle == null) {
            return "0.1.0";
        }
        var v = bundle.getVersion();
        return v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
    }
}
