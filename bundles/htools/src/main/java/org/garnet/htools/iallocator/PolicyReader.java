package org.garnet.htools.iallocator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.garnet.htools.model.DiskTemplate;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.IPolicy;
import org.garnet.htools.model.ISpec;
import org.garnet.htools.model.MinMaxISpecs;

/** Reads a group's instance policy from the IAllocator JSON (Ganeti's IPolicy JSON instance). */
final class PolicyReader {
    private PolicyReader() {
    }

    static final Fields.Reader<DiskTemplate> DISK_TEMPLATE = Fields.raw("DiskTemplate", s -> {
        for (DiskTemplate t : DiskTemplate.values()) {
            if (t.raw.equals(s)) {
                return t;
            }
        }
        return null;
    });

    static final Fields.Reader<IPolicy> IPOLICY = v -> {
        Map<String, Object> o = Fields.OBJECT.read(v);
        List<MinMaxISpecs> mm = nested(o, "minmax", Fields.list(PolicyReader::minMax));
        ISpec std = nested(o, "std", PolicyReader::spec);
        List<DiskTemplate> dts = nested(o, "disk-templates", Fields.list(DISK_TEMPLATE));
        double vr = nested(o, "vcpu-ratio", Fields.DOUBLE);
        double sr = nested(o, "spindle-ratio", Fields.DOUBLE);
        return new IPolicy(new ArrayList<>(mm), std, dts, vr, sr);
    };

    private static <T> T nested(Map<String, Object> o, String key, Fields.Reader<T> r) throws HtoolsException {
        if (!o.containsKey(key)) {
            throw new HtoolsException("key '" + key + "' not found, object contains only " + Fields.keys(o));
        }
        try {
            return r.read(o.get(key));
        } catch (HtoolsException e) {
            throw new HtoolsException("Can't parse value for '" + key + "': " + e.getMessage());
        }
    }

    private static MinMaxISpecs minMax(Object v) throws HtoolsException {
        Map<String, Object> o = Fields.OBJECT.read(v);
        return new MinMaxISpecs(nested(o, "min", PolicyReader::spec), nested(o, "max", PolicyReader::spec));
    }

    private static ISpec spec(Object v) throws HtoolsException {
        Map<String, Object> o = Fields.OBJECT.read(v);
        return new ISpec(nested(o, "memory-size", Fields.INT), nested(o, "cpu-count", Fields.INT),
                nested(o, "disk-size", Fields.INT), nested(o, "disk-count", Fields.INT),
                nested(o, "nic-count", Fields.INT), nested(o, "spindle-use", Fields.INT));
    }
}
