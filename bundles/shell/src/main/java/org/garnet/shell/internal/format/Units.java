package org.garnet.shell.internal.format;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Ganeti's {@code FormatUnit}: MiB values as {@code h} (human), {@code m}, {@code g} or {@code t}. */
public final class Units {
    private Units() {
    }

    public static boolean valid(String unit) {
        return "h".equals(unit) || "m".equals(unit) || "g".equals(unit) || "t".equals(unit);
    }

    public static String format(long mib, String unit) {
        if ("m".equals(unit) || ("h".equals(unit) && mib < 1024)) {
            return mib + ("h".equals(unit) ? "M" : "");
        }
        if ("g".equals(unit) || ("h".equals(unit) && mib < 1024L * 1024)) {
            return oneDecimal(mib / 1024.0) + ("h".equals(unit) ? "G" : "");
        }
        return oneDecimal(mib / 1024.0 / 1024.0) + ("h".equals(unit) ? "T" : "");
    }

    private static String oneDecimal(double v) {
        return BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }
}
