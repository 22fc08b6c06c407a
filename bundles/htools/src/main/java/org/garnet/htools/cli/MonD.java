package org.garnet.htools.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.garnet.htools.iallocator.Fields;
import org.garnet.htools.iallocator.Json;
import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/**
 * {@code --mond}: dynamic CPU data from the nodes' monitoring daemons (Ganeti's MonD backend), read from each
 * node's {@code http://NODE:1815/1/report/CATEGORY/COLLECTOR} or from a {@code --mond-data} file of recorded
 * answers. The node-total collector ({@code cpu-avg-load}) sets each node's CPU load and spreads it over its
 * primaries by vCPUs; with {@code --mond-xen} the per-instance collector ({@code xen-cpu-avg-load}) sets each
 * instance's CPU load and the nodes' sums. A collector whose data is incomplete is ignored, with a warning.
 */
final class MonD {
    private static final int PORT = 1815;

    private MonD() {
    }

    /** One data collector: its name, its category in the URL, and how its reports update the cluster. */
    private record Collector(String name, String category, boolean perInstance) {
    }

    /** The cluster with the collectors' data applied; {@code complete[0]} is cleared when a collector failed. */
    static ClusterData query(Options o, ClusterData cd, PrintStream err, boolean[] complete) throws HtoolsException {
        List<Collector> collectors = o.ignoreDynu ? List.of()
                : o.monDXen ? List.of(new Collector("xen-cpu-avg-load", "hypervisor", true))
                        : List.of(new Collector("cpu-avg-load", "default", false));
        Map<String, List<Map<String, Object>>> recorded = o.monDFile == null ? null : readFile(o, o.monDFile, err);
        List<Node> nl = new ArrayList<>(cd.nodes);
        List<Instance> il = new ArrayList<>(cd.instances);
        for (Collector c : collectors) {
            List<Object> data = new ArrayList<>();
            for (Node n : nl) {
                Map<String, Object> report = recorded != null ? fromFile(recorded, n.name, c.name)
                        : fromHttp(n.name, c, err);
                Object d = report == null ? null : reportData(c, report.get("data"));
                if (d != null) {
                    data.add(d);
                }
            }
            if (data.size() < nl.size()) {
                err.println("Didn't receive an answer by all MonDs, " + c.name + "'s data will be ignored.");
                complete[0] = false;
                continue;
            }
            String bad = c.perInstance ? useInstanceCpu(data, nl, il) : useNodeCpu(data, nl, il);
            if (bad != null) {
                err.println(bad);
                complete[0] = false;
            }
        }
        return cd.withState(nl, il);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<Map<String, Object>>> readFile(Options o, String path, PrintStream err)
            throws HtoolsException {
        String text;
        try {
            text = org.garnet.htools.loader.Hs.readFile(path);
        } catch (HtoolsException e) {
            // as Ganeti's uncaught I/O error: the program's name, the file's error, status 1
            err.println(o.tool + ": " + e.getMessage());
            throw new HTool.ExitException(1);
        }
        Map<String, List<Map<String, Object>>> r = new HashMap<>();
        try {
            List<Map<String, Object>> nodes;
            try {
                nodes = Fields.list(Fields.OBJECT).read(Json.decode(text));
            } catch (HtoolsException e) {
                throw new HtoolsException("Parsing MonD's answer: " + e.getMessage());
            }
            for (Map<String, Object> m : nodes) {
                String node = Fields.tryFromObj("Parsing node's name", m, "node", Fields.STRING);
                r.put(node, Fields.tryFromObj("Parsing node's reports", m, "reports", Fields.list(REPORT)));
            }
        } catch (HtoolsException e) {
            throw new HtoolsException("can't parse MonD data: " + e.getMessage());
        }
        return r;
    }

    /** A data collector report, with the fields Ganeti requires. */
    private static final Fields.Reader<Map<String, Object>> REPORT = v -> {
        Map<String, Object> m = Fields.OBJECT.read(v);
        Fields.fromObj(m, "name", Fields.STRING);
        Fields.fromObj(m, "version", Fields.STRING);
        Fields.fromObj(m, "format_version", Fields.INT);
        Fields.fromObj(m, "timestamp", Fields.DOUBLE);
        Fields.maybeFromObj(m, "category", Fields.STRING);
        int kind = Fields.fromObj(m, "kind", Fields.INT);
        if (kind != 0 && kind != 1) {
            throw new HtoolsException("key 'kind': Invalid JSON value " + kind + " for type DCKind");
        }
        Fields.fromObj(m, "data", Fields.ANY);
        return m;
    };

    private static Map<String, Object> fromFile(Map<String, List<Map<String, Object>>> recorded, String node,
            String collector) {
        List<Map<String, Object>> reps = recorded.get(node);
        if (reps == null) {
            return null;
        }
        for (Map<String, Object> r : reps) {
            if (collector.equals(r.get("name"))) {
                return r;
            }
        }
        return null;
    }

    private static Map<String, Object> fromHttp(String node, Collector c, PrintStream err) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> resp = client.send(HttpRequest.newBuilder(URI.create("http://" + node + ":" + PORT
                    + "/1/report/" + c.category + "/" + c.name)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            try {
                return REPORT.read(Json.decode(resp.body()));
            } catch (HtoolsException e) {
                return null;
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("Failed to contact node's " + node + " MonD for DC " + c.name);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The collector's data: the node total ({@code cpu_total}) or the per-instance map; null when malformed. */
    private static Object reportData(Collector c, Object data) {
        if (!(data instanceof Map<?, ?> m)) {
            return null;
        }
        if (c.perInstance) {
            Map<String, Double> r = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getValue() instanceof Number v)) {
                    return null;
                }
                r.put((String) e.getKey(), v.doubleValue());
            }
            return r;
        }
        if (!(m.get("cpu_number") instanceof Number) || !(m.get("cpus") instanceof List<?> cpus)
                || !(m.get("cpu_total") instanceof Number total)) {
            return null;
        }
        for (Object x : cpus) {
            if (!(x instanceof Number)) {
                return null;
            }
        }
        return total.doubleValue();
    }

    private static String useNodeCpu(List<Object> data, List<Node> nl, List<Instance> il) {
        for (int k = 0; k < nl.size(); k++) {
            Node n = nl.get(k).copy();
            double ct = (Double) data.get(k);
            n.utilLoad = n.utilLoad.clone();
            n.utilLoad[0] = ct;
            nl.set(k, n);
            for (int j = 0; j < il.size(); j++) {
                Instance i = il.get(j);
                if (i.pNode == n.idx) {
                    Instance c = i.copy();
                    c.util = i.util.clone();
                    c.util[0] = ct / n.uCpu * i.vcpus;
                    il.set(j, c);
                }
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static String useInstanceCpu(List<Object> data, List<Node> nl, List<Instance> il) {
        Map<String, Double> usage = new HashMap<>();
        for (Object d : data) {
            ((Map<String, Double>) d).forEach(usage::putIfAbsent);
        }
        java.util.TreeSet<String> missing = new java.util.TreeSet<>();
        for (Instance i : il) {
            if (!usage.containsKey(i.name)) {
                missing.add(i.name);
            }
        }
        if (!missing.isEmpty()) {
            StringBuilder b = new StringBuilder("No CPU information available for [");
            String sep = "";
            for (String m : missing) {
                b.append(sep).append(org.garnet.htools.loader.Hs.showString(m));
                sep = ",";
            }
            return b.append(']').toString();
        }
        for (int j = 0; j < il.size(); j++) {
            Instance c = il.get(j).copy();
            c.util = c.util.clone();
            c.util[0] = usage.get(c.name);
            il.set(j, c);
        }
        for (int k = 0; k < nl.size(); k++) {
            Node n = nl.get(k).copy();
            double cpu = 0;
            for (int q = 0; q < n.pList.size(); q++) {
                cpu += il.get(n.pList.get(q)).util[0];
            }
            n.utilLoad = n.utilLoad.clone();
            n.utilLoad[0] = cpu;
            nl.set(k, n);
        }
        return null;
    }
}
