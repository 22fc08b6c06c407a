package org.garnet.core.internal.lu.instance;

/** Ganeti's {@code FormatUnit(value, "h")} for messages: MiB below 1 GiB, else one decimal G or T. */
final class Sizes {
    private Sizes() {
    }

    static String human(long mib) {
        if (mib < 1024) {
            return mib + "M";
        }
        if (mib < 1024 * 1024) {
            return String.format("%.1fG", mib / 1024.0);
        }
        return String.format("%.1fT", mib / (1024.0 * 1024.0));
    }
}
