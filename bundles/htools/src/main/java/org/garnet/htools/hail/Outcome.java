package org.garnet.htools.hail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.garnet.htools.iallocator.Json;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/**
 * The result of processing a request (Ganeti's IAllocResult / formatIAllocResult): success, information text,
 * the JSON result and, on success, the new cluster state.
 */
public record Outcome(boolean success, String info, Object result, Node[] nl, List<Instance> il) {
    public static Outcome ok(String msg, Object result, Node[] nl, List<Instance> il) {
        return new Outcome(true, msg, result, nl, il);
    }

    public static Outcome failed(String msg) {
        return new Outcome(false, msg, List.of(), null, null);
    }

    /** The same outcome with {@code extra} appended to the information text. */
    public Outcome withInfo(String extra) {
        return new Outcome(success, info + extra, result, nl, il);
    }

    /** The IAllocator answer: {"success":…,"info":"Request successful: …"/"Request failed: …","result":…}. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", success);
        m.put("info", (success ? "Request successful: " : "Request failed: ") + info);
        m.put("result", result);
        return Json.encode(m);
    }
}
