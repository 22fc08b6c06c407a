package org.garnet.core.internal.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.model.ISpec;
import org.garnet.api.model.InstancePolicy;
import org.garnet.api.model.MinMaxSpec;

/**
 * Ganeti's instance policies in their dictionary form ({@code minmax}, {@code std}, {@code disk-templates},
 * {@code vcpu-ratio}, {@code spindle-ratio}; specs keyed {@code memory-size}, {@code cpu-count},
 * {@code disk-size}, {@code disk-count}, {@code nic-count}, {@code spindle-use}) and the check of an instance
 * against one ({@code ComputeIPolicySpecViolation}), with Ganeti's messages.
 */
public final class IPolicies {
    public static final List<String> SPEC_KEYS = List.of("memory-size", "cpu-count", "disk-size", "disk-count",
            "nic-count", "spindle-use");

    private IPolicies() {
    }

    /** {@code base} with the keys given in {@code dict} replaced (a group's or cluster's change). */
    @SuppressWarnings("unchecked")
    public static InstancePolicy merge(InstancePolicy base, Map<String, Object> dict) {
        List<MinMaxSpec> minmax = base.minmax();
        ISpec std = base.std();
        List<String> templates = base.diskTemplates();
        double vcpu = base.vcpuRatio();
        double spindle = base.spindleRatio();
        for (Map.Entry<String, Object> e : dict.entrySet()) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case "minmax" -> {
                    List<MinMaxSpec> out = new ArrayList<>();
                    for (Object o : list(e.getKey(), v)) {
                        Map<String, Object> mm = map("minmax", o);
                        out.add(new MinMaxSpec(spec(map("min", mm.get("min")), null),
                                spec(map("max", mm.get("max")), null)));
                    }
                    if (out.isEmpty()) {
                        throw invalid("Invalid ipolicy: minmax must not be empty");
                    }
                    out.forEach(IPolicies::checkOrder);
                    minmax = out;
                }
                case "std" -> std = spec(map("std", v), std);
                case "disk-templates" -> templates = list(e.getKey(), v).stream().map(String::valueOf).toList();
                case "vcpu-ratio" -> vcpu = number(e.getKey(), v);
                case "spindle-ratio" -> spindle = number(e.getKey(), v);
                default -> throw invalid("Invalid keys in ipolicy: " + e.getKey());
            }
        }
        InstancePolicy out = new InstancePolicy(minmax, std, templates, vcpu, spindle);
        checkStd(out);
        return out;
    }

    /** The dictionary form (for RAPI, info output and the job log). */
    public static Map<String, Object> toDict(InstancePolicy p) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> mm = new ArrayList<>();
        for (MinMaxSpec m : p.minmax()) {
            mm.add(Map.of("min", specDict(m.min()), "max", specDict(m.max())));
        }
        out.put("minmax", mm);
        out.put("std", specDict(p.std()));
        out.put("disk-templates", p.diskTemplates());
        out.put("vcpu-ratio", p.vcpuRatio());
        out.put("spindle-ratio", p.spindleRatio());
        return out;
    }

    public static Map<String, Object> specDict(ISpec s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("memory-size", s.memorySize());
        out.put("cpu-count", s.cpuCount());
        out.put("disk-size", s.diskSize());
        out.put("disk-count", s.diskCount());
        out.put("nic-count", s.nicCount());
        out.put("spindle-use", s.spindleUse());
        return out;
    }

    /**
     * Ganeti's {@code ComputeIPolicyInstanceSpecViolation}: every way the instance (maximum memory, vcpus, disk sizes,
     * NIC count, spindles, disk template) falls outside the policy; empty when it fits one of the minmax pairs.
     */
    public static List<String> violations(InstancePolicy p, long minMem, long maxMem, int vcpus, List<Long> diskSizes,
                                          int nics, int spindles, String template) {
        List<String> best = null;
        for (MinMaxSpec mm : p.minmax()) {
            List<String> v = new ArrayList<>();
            range(v, "memory-size", maxMem, mm);
            range(v, "cpu-count", vcpus, mm);
            if (!diskSizes.isEmpty()) {
                range(v, "disk-count", diskSizes.size(), mm); // Ganeti: meaningless for diskless instances
            }
            for (int i = 0; i < diskSizes.size(); i++) {
                range(v, "disk-size", "/" + i, diskSizes.get(i), mm); // Ganeti names each disk: disk-size/0
            }
            range(v, "nic-count", nics, mm);
            range(v, "spindle-use", spindles, mm);
            if (best == null || v.size() < best.size()) {
                best = v;
            }
        }
        List<String> out = new ArrayList<>(best == null ? List.of() : best);
        if (template != null && !p.diskTemplates().contains(template)) {
            out.add("Disk template " + template + " is not allowed (allowed templates: "
                    + String.join(", ", p.diskTemplates()) + ")");
        }
        return out;
    }

    private static void range(List<String> out, String name, long value, MinMaxSpec mm) {
        range(out, name, "", value, mm);
    }

    private static void range(List<String> out, String name, String qualifier, long value, MinMaxSpec mm) {
        long min = get(mm.min(), name);
        long max = get(mm.max(), name);
        if (value < min || value > max) {
            out.add(name + qualifier + " value " + value + " is not in range [" + min + ", " + max + "]");
        }
    }

    private static long get(ISpec s, String key) {
        return switch (key) {
            case "memory-size" -> s.memorySize();
            case "cpu-count" -> s.cpuCount();
            case "disk-size" -> s.diskSize();
            case "disk-count" -> s.diskCount();
            case "nic-count" -> s.nicCount();
            default -> s.spindleUse();
        };
    }

    private static ISpec spec(Map<String, Object> m, ISpec base) {
        for (String k : m.keySet()) {
            if (!SPEC_KEYS.contains(k)) {
                throw invalid("Invalid ipolicy key '" + k + "'");
            }
        }
        if (base == null && !m.keySet().containsAll(SPEC_KEYS)) {
            List<String> missing = new ArrayList<>(SPEC_KEYS);
            missing.removeAll(m.keySet());
            throw invalid("Missing instance specs parameters: " + String.join(", ", missing));
        }
        return new ISpec(i(m, "memory-size", base == null ? 0 : base.memorySize()),
                i(m, "cpu-count", base == null ? 0 : base.cpuCount()),
                i(m, "disk-size", base == null ? 0 : base.diskSize()),
                i(m, "disk-count", base == null ? 0 : base.diskCount()),
                i(m, "nic-count", base == null ? 0 : base.nicCount()),
                i(m, "spindle-use", base == null ? 0 : base.spindleUse()));
    }

    private static void checkOrder(MinMaxSpec mm) {
        for (String k : SPEC_KEYS) {
            if (get(mm.min(), k) > get(mm.max(), k)) {
                throw invalid("Invalid ipolicy: " + k + " minimum " + get(mm.min(), k) + " is greater than its "
                        + "maximum " + get(mm.max(), k));
            }
        }
    }

    private static void checkStd(InstancePolicy p) {
        for (String k : SPEC_KEYS) {
            long v = get(p.std(), k);
            boolean inAny = p.minmax().stream().anyMatch(mm -> v >= get(mm.min(), k) && v <= get(mm.max(), k));
            if (!inAny) {
                throw invalid("Invalid ipolicy: std value " + v + " of " + k + " is outside the min/max bounds");
            }
        }
    }

    private static int i(Map<String, Object> m, String key, int dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw invalid("Invalid value '" + v + "' for ipolicy key '" + key + "'");
        }
    }

    private static double number(String key, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw invalid("Invalid value '" + v + "' for ipolicy key '" + key + "'");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String key, Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            throw invalid("Invalid ipolicy: '" + key + "' must be a dictionary");
        }
        return (Map<String, Object>) m;
    }

    private static List<?> list(String key, Object v) {
        if (!(v instanceof List<?> l)) {
            throw invalid("Invalid ipolicy: '" + key + "' must be a list");
        }
        return l;
    }

    private static GanetiException invalid(String msg) {
        return GanetiException.prereq(msg, ErrorCode.ECODE_INVAL);
    }
}
