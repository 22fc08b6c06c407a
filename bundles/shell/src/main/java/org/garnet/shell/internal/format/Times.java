package org.garnet.shell.internal.format;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Ganeti's {@code FormatTime}: local time as {@code %F %T}. */
public final class Times {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Times() {
    }

    public static String format(double epochSeconds) {
        long millis = (long) (epochSeconds * 1000);
        return FORMAT.format(Instant.ofEpochMilli(millis).atZone(ZoneId.systemDefault()));
    }
}
