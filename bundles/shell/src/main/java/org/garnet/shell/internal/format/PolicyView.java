package org.garnet.shell.internal.format;

import static org.garnet.shell.internal.format.GenericInfo.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.garnet.api.model.ISpec;
import org.garnet.api.model.InstancePolicy;
import org.garnet.api.model.MinMaxSpec;
import org.garnet.shell.internal.format.GenericInfo.Entry;

/** An instance policy as Ganeti's {@code FormatPolicyInfo} lays it out (bounds, std, templates, ratios). */
public final class PolicyView {
    private PolicyView() {
    }

    public static List<Entry> of(InstancePolicy p) {
        return of(p, false);
    }

    /**
     * The policy's entries; {@code inherited} (a node group without a policy of its own) shows every value as
     * Ganeti does for values taken from the cluster, {@code default (value)}, in its layout for groups.
     */
    public static List<Entry> of(InstancePolicy p, boolean inherited) {
        java.util.function.UnaryOperator<String> v = s -> inherited ? "default (" + s + ")" : s;
        List<Object> bounds = new ArrayList<>();
        for (int i = 0; i < p.minmax().size(); i++) {
            MinMaxSpec mm = p.minmax().get(i);
            bounds.add(List.of(entry("min/" + i, spec(mm.min(), v)), entry("max/" + i, spec(mm.max(), v))));
        }
        Entry templates = entry("allowed disk templates", v.apply(String.join(", ", p.diskTemplates().stream()
                .sorted().toList())));
        if (inherited) { // a group's policy: no standard spec, the ratios in name order (Ganeti's layout)
            return List.of(entry("bounds specs", bounds), templates,
                    entry("spindle-ratio", v.apply(number(p.spindleRatio()))),
                    entry("vcpu-ratio", v.apply(number(p.vcpuRatio()))));
        }
        return List.of(entry("bounds specs", bounds), entry("std", spec(p.std(), v)), templates,
                entry("vcpu-ratio", v.apply(number(p.vcpuRatio()))),
                entry("spindle-ratio", v.apply(number(p.spindleRatio()))));
    }

    /** A ratio as Ganeti prints it: a whole value without a fraction ({@code 4}), else Python's float. */
    static String number(double d) {
        return PyStr.of(PyStr.wholeNumbers(d));
    }

    private static Map<String, Object> spec(ISpec s, java.util.function.UnaryOperator<String> v) {
        Map<String, Object> out = new TreeMap<>();
        out.put("cpu-count", v.apply(String.valueOf(s.cpuCount())));
        out.put("disk-count", v.apply(String.valueOf(s.diskCount())));
        out.put("disk-size", v.apply(String.valueOf(s.diskSize())));
        out.put("memory-size", v.apply(String.valueOf(s.memorySize())));
        out.put("nic-count", v.apply(String.valueOf(s.nicCount())));
        out.put("spindle-use", v.apply(String.valueOf(s.spindleUse())));
        return out;
    }
}
