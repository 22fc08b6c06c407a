package org.garnet.shell.internal.format;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Ganeti's {@code FormatTime}: local time as {@code %F %T}. */
public final class Times {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Times() {
    }

    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy",
            java.util.Locale.ENGLISH);

    /** Python's {@code time.ctime}: {@code Mon Nov  2 22:00:00 2026}, local time (job log lines). */
    public static String ctime(org.garnet.api.jobs.Timestamp t) {
        return CTIME.format(Instant.ofEpochSecond(t.seconds(), t.micros() * 1000).atZone(ZoneId.systemDefault()));
    }

    /** Ganeti's {@code FormatTimestamp} of {@code [sec, usec]}: {@code %F %T.uuuuuu}; {@code None} when absent. */
    public static String timestamp(Object ts) {
        if (!(ts instanceof java.util.List<?> l) || l.size() != 2) {
            return "None";
        }
        long sec = ((Number) l.get(0)).longValue();
        long usec = ((Number) l.get(1)).longValue();
        return FORMAT.format(Instant.ofEpochSecond(sec).atZone(ZoneId.systemDefault())) + String.format(".%06d", usec);
    }

    /** Python's {@code time.ctime} of epoch seconds, local time. */
    public static String ctime(double epochSeconds) {
        return CTIME.format(Instant.ofEpochMilli((long) (epochSeconds * 1000)).atZone(ZoneId.systemDefault()));
    }

    public static String format(double epochSeconds) {
        long millis = (long) (epochSeconds * 1000);
        return FORMAT.format(Instant.ofEpochMilli(millis).atZone(ZoneId.systemDefault()));
    }
}
