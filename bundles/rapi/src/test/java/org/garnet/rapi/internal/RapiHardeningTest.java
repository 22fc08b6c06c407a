package org.garnet.rapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.garnet.api.jobs.OpCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The defects a hostile client found, each asserted on what the client sees: strict integer query arguments,
 * bodies Ganeti refuses, bad encodings, overflowing ids, stalled bodies, and Ganeti's JSON error body on every
 * answer of the port — Jetty's own rejections included.
 */
class RapiHardeningTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private static RapiTestServer rapi;

    @BeforeAll
    static void start() throws Exception {
        rapi = new RapiTestServer(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        rapi.close();
    }

    @BeforeEach
    void clear() {
        rapi.submitted.clear();
    }

    /** The answer is Ganeti's error body with this status; returns its explanation. */
    private static String error(int status, RapiTestServer.Response r) throws Exception {
        assertEquals(status, r.status(), r.body());
        assertEquals("application/json", r.headers().get("content-type"), r.body());
        Map<?, ?> body = JSON.readValue(r.body(), Map.class);
        assertEquals(status, body.get("code"), r.body());
        assertEquals(RapiError.reason(status), body.get("message"));
        assertTrue(body.get("explain") instanceof String s && !s.isBlank(), r.body());
        return (String) body.get("explain");
    }

    @Test
    void dryRunThatIsNotAnIntegerIsRefusedAndNothingIsSubmitted() throws Exception {
        for (String v : List.of("true", "x", "1.0", "")) {
            RapiTestServer.Response r = rapi.call("PUT", "/2/instances/web1/tags?tag=t&dry-run=" + v, null);
            if (v.isEmpty()) {
                assertEquals(200, r.status(), "a blank value is no value, as Python's parse_qs reads it");
                assertEquals(false, rapi.submitted.remove(0).get(0).dryRun());
                continue;
            }
            assertEquals("Invalid value for the 'dry-run' parameter", error(400, r));
        }
        assertTrue(rapi.submitted.isEmpty(), "no job for a request refused");
        assertEquals(200, rapi.call("PUT", "/2/instances/web1/tags?tag=t&dry-run=1", null).status());
        assertTrue(rapi.submitted.get(0).get(0).dryRun());
        assertEquals(200, rapi.call("PUT", "/2/instances/web1/tags?tag=t&dry-run=2", null).status());
        assertTrue(rapi.submitted.get(1).get(0).dryRun(), "any non-zero integer is true, as Ganeti's bool(int(v))");
    }

    @Test
    void everyIntegerArgumentIsStrict() throws Exception {
        assertEquals("Invalid value for the 'bulk' parameter", error(400, rapi.call("GET", "/2/instances?bulk=x",
                null)));
        assertEquals(200, rapi.call("GET", "/2/instances?bulk=2", null).status());
        assertTrue(rapi.call("GET", "/2/instances?bulk=2", null).body().contains("\"beparams\""), "bulk=2 is bulk");
        error(400, rapi.call("PUT", "/2/instances/web1/shutdown?no_remember=x", null));
        error(400, rapi.call("PUT", "/2/instances/web1/startup?force=x", null));
        error(400, rapi.call("GET", "/2/instances/web1/info?static=yes", null));
        assertTrue(rapi.submitted.isEmpty());
    }

    @Test
    void noRememberReachesTheShutdownOpcode() throws Exception {
        assertEquals(200, rapi.call("PUT", "/2/instances/web1/shutdown?no_remember=1", null).status());
        OpCode op = rapi.submitted.get(0).get(0);
        assertEquals("OP_INSTANCE_SHUTDOWN", op.opId());
        assertEquals(true, op.params().get("no_remember"));
    }

    @Test
    void invalidUtf8OrPercentEncodingInTheQueryIsABadRequest() throws Exception {
        error(400, rapi.call("GET", "/2/info?%ff=1", null));
        error(400, rapi.call("GET", "/2/instances?bulk=%ff", null));
        error(400, rapi.call("GET", "/2/instances?bulk=%zz", null));
    }

    @Test
    void overflowingIdsAreNotServerErrors() throws Exception {
        error(404, rapi.call("DELETE", "/2/jobs/99999999999999999999", null));
        error(404, rapi.call("GET", "/2/jobs/99999999999999999999", null));
        error(404, rapi.call("GET", "/2/jobs/99999999999999999999/wait", "{\"fields\": [\"status\"]}"));
        error(400, rapi.call("POST", "/2/instances/web1/disk/99999999999/grow", "{\"amount\": 1}"));
    }

    @Test
    void waitWithAnEmptyPreviousJobInfoIsAnAnswerNotACrash() throws Exception {
        error(404, rapi.call("GET", "/2/jobs/1/wait", "{\"fields\":[\"status\"],\"previous_job_info\":[]}"));
        assertEquals("The 'fields' parameter should be a list", error(400, rapi.call("GET", "/2/jobs/1/wait",
                "{\"fields\": 3}")));
        error(400, rapi.call("GET", "/2/jobs/1/wait", "[]"));
    }

    @Test
    void bodiesThatAreNotObjectsAreRefused() throws Exception {
        for (String body : List.of("true", "1", "\"s\"", "[]")) {
            String explain = error(400, rapi.call("PUT", "/2/instances/web1/shutdown", body));
            assertTrue(explain.startsWith("Body contents: Type is '"), explain);
        }
        assertEquals("Unable to parse JSON data", error(400, rapi.call("PUT", "/2/instances/web1/shutdown", " ")));
        assertEquals("Unable to parse JSON data", error(400, rapi.call("PUT", "/2/instances/web1/shutdown",
                "{}garbage")));
        assertTrue(error(400, rapi.call("PUT", "/2/instances/web1/shutdown", "{\"OP_ID\": \"OP_CLUSTER_DESTROY\"}"))
                .contains("OP_ID"));
        assertTrue(rapi.submitted.isEmpty());
        assertEquals(200, rapi.call("PUT", "/2/instances/web1/shutdown", "{}").status());
        assertEquals(200, rapi.call("PUT", "/2/instances/web1/shutdown", null).status());
    }

    @Test
    void onlyJsonContentTypesAreAccepted() throws Exception {
        for (String type : List.of("application/jsonx", "application/json; charset=latin1", "text/plain")) {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            error(415, rapi.raw("PUT /2/instances/web1/shutdown HTTP/1.1\r\nContent-Type: " + type
                    + "\r\nContent-Length: 2", body, true));
        }
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertEquals(200, rapi.raw("PUT /2/instances/web1/shutdown HTTP/1.1\r\nContent-Type: Application/JSON; "
                + "charset=UTF-8\r\nContent-Length: 2", body, true).status());
    }

    @Test
    void invalidOpcodeParametersAreRefusedBeforeAJobExists() throws Exception {
        String explain = error(400, rapi.call("POST", "/2/instances/web1/reboot?type=bogus", null));
        assertTrue(explain.contains("reboot_type"), explain);
        assertTrue(rapi.submitted.isEmpty());
    }

    @Test
    void consoleOfAnUnknownInstanceIsNotFoundAndOfAStoppedOneUnavailable() throws Exception {
        error(404, rapi.call("GET", "/2/instances/nosuch/console", null));
        error(503, rapi.call("GET", "/2/instances/web1/console", null));
    }

    @Test
    void ganetiStatusesForPathsAndMethods() throws Exception {
        error(404, rapi.raw("GET /2/nosuch HTTP/1.1", new byte[0], false));
        assertEquals(501, rapi.raw("DELETE /version HTTP/1.1", new byte[0], false).status(),
                "a method the resource lacks is 501 before authentication, as Ganeti");
        error(501, rapi.call("POST", "/2", null));
        error(501, rapi.call("PUT", "/", null));
        error(401, rapi.raw("PUT /2/instances/web1/shutdown HTTP/1.1", new byte[0], false));
        assertEquals("[]", rapi.call("GET", "/2/networks", null).body());
        assertEquals("[]", rapi.call("GET", "/2/filters", null).body());
        error(501, rapi.call("POST", "/2/networks", "{}"));
        RapiTestServer.Response r = rapi.call("GET", "/version", null);
        assertEquals("Garnet test", r.headers().get("server"));
        assertEquals(Map.of("memory", 128, "maxmem", 128, "minmem", 128),
                JSON.readValue(rapi.call("GET", "/2/instances/web1", null).body(), Map.class).get("beparams"),
                "beparams.memory beside maxmem, as Ganeti's RAPI");
    }

    @Test
    void jettysOwnRejectionsCarryGanetisJsonBody() throws Exception {
        for (String path : List.of("/2/%2e%2e/info", "/2/instances%2Fx", "/2/info%00", "/2/%zz", "/2/inst\u00e9")) {
            RapiTestServer.Response r = rapi.raw("GET " + path + " HTTP/1.1", new byte[0], true);
            assertTrue(r.status() == 400 || r.status() == 404, path + " " + r);
            error(r.status(), r);
        }
        error(414, rapi.raw("GET /2/info?x=" + "a".repeat(9000) + " HTTP/1.1", new byte[0], true));
        error(431, rapi.raw("GET /2/info HTTP/1.1\r\nX-Big: " + "a".repeat(9000), new byte[0], true));
        error(505, rapi.raw("GET /2/info HTTP/3.7", new byte[0], true));
        error(400, rapi.raw("GET /2/info HTTP/1.1\r\nX-Nul: a\u0000b", new byte[0], true));
        error(417, rapi.raw("PUT /2/tags HTTP/1.1\r\nExpect: something-else\r\nContent-Length: 0", new byte[0],
                true));
    }

    @Test
    void aStalledBodyIsATimeoutNotAServerError() throws Exception {
        try (Socket s = new Socket("127.0.0.1", rapi.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("PUT /2/instances/web1/shutdown HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString((RapiTestServer.USER + ":"
                    + RapiTestServer.PASSWORD).getBytes(StandardCharsets.UTF_8)) + "\r\n"
                    + "Content-Length: 50\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            error(408, RapiTestServer.Response.parse(answer));
        }
        assertTrue(rapi.submitted.isEmpty());
    }
}
