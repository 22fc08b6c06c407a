package org.garnet.htools.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.garnet.htools.jobs.JobSink;
import org.garnet.htools.model.HtoolsException;

/**
 * Jobs through a cluster's RAPI: Ganeti's RAPI takes opcodes only through its resources, so each job is one
 * opcode sent to its resource ({@code OP_INSTANCE_MIGRATE} to {@code PUT /2/instances/NAME/migrate},
 * {@code OP_INSTANCE_FAILOVER} to {@code /failover}), the reason as Ganeti's {@code reason} query argument; the
 * job is then polled until it is final.
 */
public final class RapiJobSink implements JobSink {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> RESOURCES = Map.of("OP_INSTANCE_MIGRATE", "migrate",
            "OP_INSTANCE_FAILOVER", "failover");
    private final String root;
    private final String auth;
    private final String reason;
    private final HttpClient client;

    /** {@code url} as for {@link RapiLoader#load}: credentials in it or in {@code GARNET_RAPI_USER}/…PASSWORD. */
    public RapiJobSink(String url, String reason) throws HtoolsException {
        URI base = URI.create(url.contains("://") ? url : "https://" + url + ":5080");
        String userInfo = base.getUserInfo();
        if (userInfo == null && System.getenv("GARNET_RAPI_USER") != null) {
            userInfo = System.getenv("GARNET_RAPI_USER") + ":" + System.getenv().getOrDefault("GARNET_RAPI_PASSWORD",
                    "");
        }
        this.root = base.getScheme() + "://" + base.getHost() + (base.getPort() > 0 ? ":" + base.getPort() : "");
        this.auth = userInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        this.reason = reason;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(RapiLoader.trustAll())
                .connectTimeout(Duration.ofSeconds(15)).build();
    }

    @Override
    public long submit(List<Map<String, Object>> opcodes) throws HtoolsException {
        if (opcodes.size() != 1 || !RESOURCES.containsKey(String.valueOf(opcodes.get(0).get("OP_ID")))) {
            throw new HtoolsException("Cannot submit a job of " + opcodes.stream().map(o -> o.get("OP_ID")).toList()
                    + " through the RAPI (one migrate or failover opcode per job only)");
        }
        Map<String, Object> body = new LinkedHashMap<>(opcodes.get(0));
        String op = (String) body.remove("OP_ID");
        String instance = (String) body.remove("instance_name");
        String path = "/2/instances/" + URLEncoder.encode(instance, StandardCharsets.UTF_8) + "/" + RESOURCES.get(op)
                + (reason == null ? "" : "?reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8));
        try {
            JsonNode answer = call("PUT", path, JSON.writeValueAsString(body));
            return answer.asLong();
        } catch (IOException e) {
            throw new HtoolsException("Job submission error: " + e.getMessage());
        }
    }

    @Override
    public String awaitFinal(long id) throws HtoolsException {
        long delay = 50;
        while (true) {
            String status = call("GET", "/2/jobs/" + id, null).path("status").asText();
            if (status.equals("success") || status.equals("error") || status.equals("canceled")) {
                return status;
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HtoolsException("Checking job status: interrupted");
            }
            delay = Math.min(delay * 2, 2_000);
        }
    }

    private JsonNode call(String method, String path, String body) throws HtoolsException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(root + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (auth != null) {
            req.header("Authorization", auth);
        }
        try {
            HttpResponse<String> r = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new HtoolsException("RAPI error for '" + method + " " + root + path + "': HTTP " + r.statusCode()
                        + " " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new HtoolsException("RAPI error for '" + root + path + "': " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HtoolsException("RAPI error for '" + root + path + "': interrupted");
        }
    }
}
