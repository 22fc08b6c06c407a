package org.garnet.shell.internal.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;

/**
 * Ganeti's {@code --ipolicy-*} options to the {@code ipolicy} dictionary of the opcodes:
 * {@code --ipolicy-bounds-specs min:memory-size=128,...//max:...} (pairs separated by {@code //}),
 * {@code --ipolicy-std-specs memory-size=128,...}, {@code --ipolicy-disk-templates file,plain},
 * {@code --ipolicy-vcpu-ratio 4}, {@code --ipolicy-spindle-ratio 32}.
 */
public final class IPolicyOptions {
    private IPolicyOptions() {
    }

    /** The dictionary, or null when no option was given. */
    public static Map<String, Object> build(String bounds, String std, String templates, String vcpuRatio,
                                            String spindleRatio) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (bounds != null) {
            List<Object> minmax = new ArrayList<>();
            for (String pair : bounds.split("//")) {
                Map<String, Object> mm = new LinkedHashMap<>();
                for (String part : pair.split("/")) {
                    int colon = part.indexOf(':');
                    String key = colon < 0 ? "" : part.substring(0, colon);
                    if (!key.equals("min") && !key.equals("max")) {
                        throw GanetiException.prereq("Invalid bounds specs '" + pair + "': expected min:...,max:...",
                                ErrorCode.ECODE_INVAL);
                    }
                    mm.put(key, numbers(KeyValues.parse(part.substring(colon + 1))));
                }
                if (!mm.containsKey("min") || !mm.containsKey("max")) {
                    throw GanetiException.prereq("Invalid bounds specs '" + pair + "': both min and max are needed",
                            ErrorCode.ECODE_INVAL);
                }
                minmax.add(mm);
            }
            out.put("minmax", minmax);
        }
        if (std != null) {
            out.put("std", numbers(KeyValues.parse(std)));
        }
        if (templates != null) {
            out.put("disk-templates", KeyValues.list(templates));
        }
        if (vcpuRatio != null) {
            out.put("vcpu-ratio", ratio(vcpuRatio, "--ipolicy-vcpu-ratio"));
        }
        if (spindleRatio != null) {
            out.put("spindle-ratio", ratio(spindleRatio, "--ipolicy-spindle-ratio"));
        }
        return out.isEmpty() ? null : out;
    }

    private static Map<String, Object> numbers(Map<String, Object> specs) {
        Map<String, Object> out = new LinkedHashMap<>();
        specs.forEach((k, v) -> out.put(k, k.equals("memory-size") || k.equals("disk-size")
                ? Sizes.mib(String.valueOf(v)) : parseInt(k, String.valueOf(v))));
        return out;
    }

    private static Object parseInt(String k, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw GanetiException.prereq("Invalid value '" + v + "' for ipolicy key '" + k + "'", ErrorCode.ECODE_INVAL);
        }
    }

    private static double ratio(String v, String option) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw GanetiException.prereq("option " + option + ": invalid floating-point value: '" + v + "'",
                    ErrorCode.ECODE_INVAL);
        }
    }
}
