package org.garnet.rapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.junit.jupiter.api.Test;

/** {@code POST /2/instances-multi-alloc} against a queue that records what it is given. */
class MultiAllocResourceTest {
    private final List<List<OpCode>> submitted = new ArrayList<>();

    @SuppressWarnings("unchecked")
    private final JobQueue queue = (JobQueue) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {JobQueue.class}, (proxy, method, args) -> switch (method.getName()) {
                case "parseOpCode" -> {
                    Map<String, Object> json = new LinkedHashMap<>((Map<String, Object>) args[0]);
                    yield OpCode.of((String) json.remove("OP_ID"), json);
                }
                case "submit" -> {
                    submitted.add((List<OpCode>) args[0]);
                    yield 42L;
                }
                default -> throw new UnsupportedOperationException(method.getName());
            });
    private final Routes routes = Resources.table(queue, null, null);

    private Object handle(String method, String path, Map<String, List<String>> query, Object body) {
        Routes.Match m = routes.find(path).orElseThrow();
        Route.Endpoint e = m.route().endpoint(method);
        if (e == null) {
            throw new RapiError(501, "Method " + method + " is unsupported");
        }
        return e.handler().handle(new Call(method, m.params(), QueryArgs.of(query), body, m.route().name()));
    }

    @Test
    void aBodyWithoutInstancesIsABadRequest() {
        RapiError e = assertThrows(RapiError.class, () -> handle("POST", "/2/instances-multi-alloc",
                Map.of(), Map.of("iallocator", "hail")));
        assertEquals(400, e.status());
        assertEquals("Request is missing required 'instances' field in body", e.explain());
        assertTrue(submitted.isEmpty());
        assertEquals(501, assertThrows(RapiError.class, () -> handle("GET", "/2/instances-multi-alloc",
                Map.of(), null)).status(), "only POST, as Ganeti");
    }

    @Test
    @SuppressWarnings("unchecked")
    void submitsOneMultiAllocJobAndAnswersItsId() {
        Object answer = handle("POST", "/2/instances-multi-alloc", Map.of("dry-run", List.of("1")),
                Map.of("instances", List.of(Map.of("name", "web1", "os", "image", "mode", "create"),
                        Map.of("instance_name", "web2")), "iallocator", "hail", "opportunistic_locking", true));
        assertEquals(42L, answer);
        assertEquals(1, submitted.size());
        OpCode op = submitted.get(0).get(0);
        assertEquals("OP_INSTANCE_MULTI_ALLOC", op.opId());
        assertEquals("hail", op.params().get("iallocator"));
        assertEquals(true, op.params().get("opportunistic_locking"));
        assertEquals(List.of(Map.of("instance_name", "web1", "os_type", "image", "mode", "create"),
                Map.of("instance_name", "web2")), op.params().get("instances"), "name and os renamed as Ganeti");
        assertTrue(op.dryRun());
        assertEquals("gnt:library:rlib2:instances_multi_alloc", op.reason().get(op.reason().size() - 1).source());
    }
}
