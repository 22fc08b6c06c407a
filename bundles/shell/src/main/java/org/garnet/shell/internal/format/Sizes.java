package org.garnet.shell.internal.format;

import java.util.LinkedHashMap;
import java.util.Map;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;

/** Ganeti's {@code ParseUnit}: {@code 512}, {@code 512M}, {@code 2G}, {@code 1.5T} → MiB (rounded up to 4 MiB). */
public final class Sizes {
    private Sizes() {
    }

    public static long mib(String text) {
        String s = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (s.endsWith("b")) {
            s = s.substring(0, s.length() - 1);
        }
        double mult = 1;
        if (!s.isEmpty() && Character.isLetter(s.charAt(s.length() - 1))) {
            mult = switch (s.charAt(s.length() - 1)) {
                case 'm' -> 1;
                case 'g' -> 1024;
                case 't' -> 1024 * 1024;
                default -> throw invalid(text);
            };
            s = s.substring(0, s.length() - 1);
        }
        double value;
        try {
            value = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
        if (value < 0) {
            throw invalid(text);
        }
        long mib = (long) Math.ceil(value * mult);
        return mib % 4 == 0 ? mib : mib + 4 - mib % 4;
    }

    private static GanetiException invalid(String text) {
        return GanetiException.prereq("Invalid format '" + text + "' for unit", ErrorCode.ECODE_INVAL);
    }

    /** Ganeti's {@code ForceDictType} for backend parameters: sizes in MiB, counts as integers, flags as booleans. */
    public static Map<String, Object> beparams(Map<String, Object> given) {
        Map<String, Object> out = new LinkedHashMap<>();
        given.forEach((k, v) -> {
            if (v instanceof String s) {
                out.put(k, switch (k) {
                    case "memory", "maxmem", "minmem" -> size(k, s);
                    case "vcpus", "spindle_use" -> integer(k, s);
                    case "auto_balance", "always_failover" -> bool(k, s);
                    default -> s;
                });
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    private static long size(String k, String s) {
        try {
            return mib(s);
        } catch (GanetiException e) {
            throw typeError("'" + k + "' (value " + s + ") is not a valid size. error: Invalid format");
        }
    }

    private static int integer(String k, String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw typeError("'" + k + "' (value " + s + ") is not a valid integer");
        }
    }

    /** Ganeti's client-side {@code TypeEnforcementError} ("Parameter Error: ..."). */
    private static GanetiException typeError(String message) {
        return new GanetiException(org.garnet.api.ErrorClass.TypeEnforcementError, message, null);
    }

    private static boolean bool(String k, String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw typeError("'" + k + "' (value " + s + ") is not a valid boolean");
        };
    }
}
