package org.garnet.htools.loader;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.garnet.htools.model.DiskTemplate;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.IPolicy;
import org.garnet.htools.model.ISpec;
import org.garnet.htools.model.MinMaxISpecs;

/**
 * Typed reads of Ganeti's RAPI JSON for {@link RapiLoader}: a missing or mistyped key is an error naming the
 * object and the key, as Ganeti's {@code tryFromObj} reports it.
 */
final class RapiJson {
    private RapiJson() {
    }

    static JsonNode field(String where, JsonNode o, String key) throws HtoolsException {
        JsonNode v = o == null ? null : o.get(key);
        if (v == null || v.isNull()) {
            throw new HtoolsException(where + ": key '" + key + "' not found");
        }
        return v;
    }

    static String string(String where, JsonNode o, String key) throws HtoolsException {
        JsonNode v = field(where, o, key);
        if (!v.isTextual()) {
            throw new HtoolsException(where + ": key '" + key + "': expected a string, got " + v);
        }
        return v.asText();
    }

    static boolean bool(String where, JsonNode o, String key) throws HtoolsException {
        JsonNode v = field(where, o, key);
        if (!v.isBoolean()) {
            throw new HtoolsException(where + ": key '" + key + "': expected a boolean, got " + v);
        }
        return v.asBoolean();
    }

    static int integer(String where, JsonNode o, String key) throws HtoolsException {
        JsonNode v = field(where, o, key);
        if (!v.isNumber()) {
            throw new HtoolsException(where + ": key '" + key + "': expected a number, got " + v);
        }
        return v.asInt();
    }

    static double number(String where, JsonNode o, String key) throws HtoolsException {
        JsonNode v = field(where, o, key);
        if (!v.isNumber()) {
            throw new HtoolsException(where + ": key '" + key + "': expected a number, got " + v);
        }
        return v.asDouble();
    }

    static List<JsonNode> list(String where, JsonNode o, String key) throws HtoolsException {
        JsonNode v = field(where, o, key);
        if (!v.isArray()) {
            throw new HtoolsException(where + ": key '" + key + "': expected a list, got " + v);
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    static List<String> strings(String where, JsonNode o, String key) throws HtoolsException {
        List<String> out = new ArrayList<>();
        for (JsonNode n : list(where, o, key)) {
            out.add(n.asText());
        }
        return out;
    }

    /** An ipolicy dictionary ({@code minmax}, {@code std}, {@code disk-templates}, ratios). */
    static IPolicy ipolicy(String where, JsonNode p) throws HtoolsException {
        List<MinMaxISpecs> minMax = new ArrayList<>();
        for (JsonNode mm : list(where, p, "minmax")) {
            minMax.add(new MinMaxISpecs(ispec(where, field(where, mm, "min")), ispec(where, field(where, mm, "max"))));
        }
        List<DiskTemplate> templates = new ArrayList<>();
        for (String t : strings(where, p, "disk-templates")) {
            templates.add(DiskTemplate.fromRaw(t));
        }
        return new IPolicy(minMax, ispec(where, field(where, p, "std")), templates,
                number(where, p, "vcpu-ratio"), number(where, p, "spindle-ratio"));
    }

    private static ISpec ispec(String where, JsonNode s) throws HtoolsException {
        return new ISpec(integer(where, s, "memory-size"), integer(where, s, "cpu-count"),
                integer(where, s, "disk-size"), integer(where, s, "disk-count"), integer(where, s, "nic-count"),
                integer(where, s, "spindle-use"));
    }
}
