package org.garnet.htools.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.garnet.htools.model.AllocPolicy;
import org.garnet.htools.model.ClusterData;
import org.garnet.htools.model.DiskTemplate;
import org.garnet.htools.model.Group;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.IPolicy;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.InstanceStatus;
import org.garnet.htools.model.Node;

/**
 * Ganeti's RAPI backend ({@code -m CLUSTER}): {@code /2/groups?bulk=1}, {@code /2/nodes?bulk=1},
 * {@code /2/instances?bulk=1} and {@code /2/info} of a Ganeti or Garnet master (port 5080 unless the name has
 * one; the certificate is not verified, as Ganeti's htools do), or the same four answers as
 * {@code groups.json}, {@code nodes.json}, {@code instances.json}, {@code info.json} in a directory given as
 * {@code file://DIR}. Credentials, which Garnet's RAPI wants for reads, come from the URL
 * ({@code https://user:password@host:port}) or from {@code GARNET_RAPI_USER}/{@code GARNET_RAPI_PASSWORD}.
 */
public final class RapiLoader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "file://";

    private RapiLoader() {
    }

    public static ClusterData load(String master) throws HtoolsException {
        String[] bodies = master.startsWith(FILE) ? readFiles(master.substring(FILE.length())) : readHttp(master);
        List<Group> groups = new ArrayList<>();
        Map<String, Integer> ktg = new HashMap<>();
        for (JsonNode g : array("Parsing group data", bodies[0])) {
            Group group = group(g);
            group.idx = groups.size();
            ktg.put(group.uuid, group.idx);
            groups.add(group);
        }
        List<Node> nodes = new ArrayList<>();
        Map<String, Integer> ktn = new HashMap<>();
        for (JsonNode n : array("Parsing node data", bodies[1])) {
            Node node = node(n, ktg, groups);
            node.idx = nodes.size();
            ktn.put(node.name, node.idx);
            nodes.add(node);
        }
        List<Instance> instances = new ArrayList<>();
        for (JsonNode i : array("Parsing instance data", bodies[2])) {
            Instance inst = instance(i, ktn);
            inst.idx = instances.size();
            instances.add(inst);
        }
        JsonNode info = parse("Parsing cluster info", bodies[3]);
        String where = "Parsing cluster data";
        String masterName = RapiJson.string(where, info, "master");
        List<String> tags = RapiJson.strings(where, info, "tags");
        IPolicy ipolicy = RapiJson.ipolicy(where, RapiJson.field(where, info, "ipolicy"));
        RapiJson.string(where, info, "default_hypervisor");
        for (Node n : nodes) {
            n.isMaster = n.name.equals(masterName);
        }
        return new ClusterData(groups, nodes, instances, tags, ipolicy);
    }

    private static Group group(JsonNode g) throws HtoolsException {
        String name = RapiJson.string("Parsing new group", g, "name");
        String where = "Group '" + name + "'";
        String uuid = RapiJson.string(where, g, "uuid");
        AllocPolicy policy = AllocPolicy.fromRaw(RapiJson.string(where, g, "alloc_policy"));
        IPolicy ipolicy = RapiJson.ipolicy(where, RapiJson.field(where, g, "ipolicy"));
        return new Group(name, uuid, policy, List.of(), ipolicy, RapiJson.strings(where, g, "tags"));
    }

    private static Node node(JsonNode a, Map<String, Integer> ktg, List<Group> groups) throws HtoolsException {
        String name = RapiJson.string("Parsing new node", a, "name");
        String where = "Node '" + name + "', error while parsing data";
        boolean offline = RapiJson.bool(where, a, "offline");
        boolean drained = RapiJson.bool(where, a, "drained");
        boolean vmCapable = !a.has("vm_capable") || a.get("vm_capable").isNull() || a.get("vm_capable").asBoolean();
        JsonNode ndparams = RapiJson.field(where, a, "ndparams");
        boolean excl = RapiJson.bool(where, ndparams, "exclusive_storage");
        String guuid = a.hasNonNull("group.uuid") ? a.get("group.uuid").asText()
                : groups.isEmpty() ? "" : groups.get(0).uuid;
        Integer gdx = ktg.get(guuid);
        if (gdx == null) {
            throw new HtoolsException("Unknown group '" + guuid + "' for node " + name);
        }
        boolean live = !offline && vmCapable;
        int spTotal = excl ? liveInt(live, where, a, "sptotal", true)
                : RapiJson.integer(where, ndparams, "spindle_count");
        int spFree = liveInt(live, where, a, "spfree", false);
        double mTotal = liveDouble(live, where, a, "mtotal", true);
        int mNode = liveInt(live, where, a, "mnode", true);
        int mFree = liveInt(live, where, a, "mfree", true);
        double dTotal = liveDouble(live, where, a, "dtotal", false);
        int dFree = liveInt(live, where, a, "dfree", false);
        double cTotal = liveDouble(live, where, a, "ctotal", true);
        int cNos = liveInt(live, where, a, "cnos", true);
        List<String> tags = RapiJson.strings(where, a, "tags");
        Node n = Node.create(name, mTotal, mNode, mFree, dTotal, dFree, cTotal, cNos, !live || drained, spTotal,
                spFree, gdx, excl);
        n.nTags = tags;
        return n;
    }

    private static Instance instance(JsonNode a, Map<String, Integer> ktn) throws HtoolsException {
        String name = RapiJson.string("Parsing new instance", a, "name");
        String where = "Instance '" + name + "', error while parsing data";
        int disk = RapiJson.integer(where, a, "disk_usage");
        List<JsonNode> sizes = RapiJson.list(where, a, "disk.sizes");
        Integer spindles = null;
        if (a.has("disk.spindles") && a.get("disk.spindles").isArray() && !a.get("disk.spindles").isEmpty()
                && a.get("disk.spindles").get(0).isNumber()) {
            spindles = a.get("disk.spindles").get(0).asInt();
        }
        JsonNode be = RapiJson.field(where, a, "beparams");
        JsonNode operRam = a.get("oper_ram");
        int mem;
        if (operRam != null && operRam.isNumber()) {
            mem = operRam.asInt();
        } else if (be.has("memory")) {
            mem = RapiJson.integer(where, be, "memory");
        } else {
            mem = RapiJson.integer(where, be, "maxmem");
        }
        int vcpus = RapiJson.integer(where, be, "vcpus");
        Integer pnode = ktn.get(RapiJson.string(where, a, "pnode"));
        if (pnode == null) {
            throw new HtoolsException("Unknown node '" + a.get("pnode").asText() + "' for instance " + name);
        }
        List<JsonNode> snodes = RapiJson.list(where, a, "snodes");
        int snode = -1;
        if (!snodes.isEmpty()) {
            Integer s = ktn.get(snodes.get(0).asText());
            if (s == null) {
                throw new HtoolsException("Unknown node '" + snodes.get(0).asText() + "' for instance " + name);
            }
            snode = s;
        }
        InstanceStatus status = InstanceStatus.fromRaw(RapiJson.string(where, a, "status"));
        List<String> tags = RapiJson.strings(where, a, "tags");
        boolean autoBalance = RapiJson.bool(where, be, "auto_balance");
        DiskTemplate dt = DiskTemplate.fromRaw(RapiJson.string(where, a, "disk_template"));
        int spindleUse = RapiJson.integer(where, be, "spindle_use");
        boolean forthcoming = a.has("forthcoming") && a.get("forthcoming").asBoolean(false);
        if (sizes == null) {
            throw new HtoolsException(where + ": missing disk.sizes");
        }
        return Instance.create(name, mem, disk, spindles, vcpus, status, tags, autoBalance, pnode, snode, dt,
                spindleUse, forthcoming);
    }

    private static int liveInt(boolean live, String where, JsonNode a, String key, boolean required)
            throws HtoolsException {
        if (!live || !required && !a.hasNonNull(key)) {
            return 0;
        }
        return RapiJson.integer(where, a, key);
    }

    private static double liveDouble(boolean live, String where, JsonNode a, String key, boolean required)
            throws HtoolsException {
        if (!live || !required && !a.hasNonNull(key)) {
            return 0.0;
        }
        return RapiJson.number(where, a, key);
    }

    private static List<JsonNode> array(String where, String body) throws HtoolsException {
        JsonNode n = parse(where, body);
        if (!n.isArray()) {
            throw new HtoolsException(where + ": expected a JSON array");
        }
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    private static JsonNode parse(String where, String body) throws HtoolsException {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new HtoolsException(where + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String[] readFiles(String dir) throws HtoolsException {
        String[] names = {"groups.json", "nodes.json", "instances.json", "info.json"};
        String[] out = new String[4];
        for (int i = 0; i < 4; i++) {
            Path p = Path.of(dir, names[i]);
            try {
                out[i] = Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new HtoolsException(p + ": openFile: does not exist (No such file or directory)");
            }
        }
        return out;
    }

    private static String[] readHttp(String master) throws HtoolsException {
        String url = master.contains(":") ? master : "https://" + master + ":5080";
        if (!url.contains("://")) {
            url = "https://" + url;
        }
        URI base = URI.create(url);
        String userInfo = base.getUserInfo();
        if (userInfo == null && System.getenv("GARNET_RAPI_USER") != null) {
            userInfo = System.getenv("GARNET_RAPI_USER") + ":" + System.getenv().getOrDefault("GARNET_RAPI_PASSWORD",
                    "");
        }
        String root = base.getScheme() + "://" + base.getHost() + (base.getPort() > 0 ? ":" + base.getPort() : "");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trustAll())
                .connectTimeout(Duration.ofSeconds(15))
                .build();
        String[] paths = {"/2/groups?bulk=1", "/2/nodes?bulk=1", "/2/instances?bulk=1", "/2/info"};
        String[] out = new String[4];
        for (int i = 0; i < 4; i++) {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(root + paths[i]))
                    .timeout(Duration.ofSeconds(60)).GET();
            if (userInfo != null) {
                req.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        userInfo.getBytes(StandardCharsets.UTF_8)));
            }
            try {
                HttpResponse<String> r = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new HtoolsException("Curl error for '" + root + paths[i] + "', error HTTP "
                            + r.statusCode());
                }
                out[i] = r.body();
            } catch (IOException e) {
                throw new HtoolsException("Curl error for '" + root + paths[i] + "', error " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HtoolsException("Curl error for '" + root + paths[i] + "', interrupted");
            }
        }
        return out;
    }

    static SSLContext trustAll() throws HtoolsException {
        TrustManager[] all = {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // Ganeti's htools do not verify the RAPI certificate either
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // see above
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }};
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, all, new SecureRandom());
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new HtoolsException("TLS unavailable: " + e.getMessage());
        }
    }
}
