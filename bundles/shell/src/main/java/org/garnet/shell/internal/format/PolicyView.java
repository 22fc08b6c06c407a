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
        List<Object> bounds = new ArrayList<>();
        for (int i = 0; i < p.minmax().size(); i++) {
            MinMaxSpec mm = p.minmax().get(i);
            bounds.add(List.of(entry("max/" + i, spec(mm.max())), entry("min/" + i, spec(mm.min()))));
        }
        return List.of(entry("bounds specs", bounds), entry("std", spec(p.std())),
                entry("allowed disk templates", String.join(", ", p.diskTemplates())),
                entry("vcpu-ratio", PyStr.of(p.vcpuRatio())), entry("spindle-ratio", PyStr.of(p.spindleRatio())));
    }

    private static Map<String, Object> spec(ISpec s) {
        Map<String, Object> out = new TreeMap<>();
        out.put("cpu-count", String.valueOf(s.cpuCount()));
        out.put("disk-count", String.valueOf(s.diskCount()));
        out.put("disk-size", String.valueOf(s.diskSize()));
        out.put("memory-size", String.valueOf(s.memorySize()));
        out.put("nic-count", String.valueOf(s.nicCount()));
        out.put("spindle-use", String.valueOf(s.spindleUse()));
        return out;
    }
}
