package org.garnet.hypervisor.kvm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.garnet.api.GanetiException;
import org.garnet.api.hypervisor.HvInstance;
import org.garnet.api.hypervisor.HvMigrationStatus;

/**
 * Ganeti's KVM live migration over QMP. Source {@code migration_info}: the saved runtime. Target
 * {@code accept_instance}: qemu started from the instance as the source runs it (the hypervisor parameters it was
 * started with) on this node's paths and disks, with {@code -incoming tcp:<target>:<migration_port>}. Source
 * {@code migrate}: {@code stop} first when not live, {@code migrate-set-parameters} ({@code max-bandwidth} =
 * {@code migration_bandwidth} MiB/s, {@code downtime-limit} = {@code migration_downtime} ms), the capabilities of
 * {@code migration_caps}, then {@code migrate}. Status: {@code query-migrate}, five bad answers in a row = failed.
 * Finalize: the target continues the guest if it is not running and keeps it, or kills it on failure; the source
 * kills its qemu after a success, or continues it after a failure. The last migration's figures (total time,
 * downtime, RAM) go to qemu's log directory as {@code <inst>.migration} for whoever measures them.
 */
final class KvmMigration {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BAD_ANSWERS = 5;
    private final KvmHypervisor kvm;
    private final Map<String, Integer> badAnswers = new java.util.concurrent.ConcurrentHashMap<>();

    KvmMigration(KvmHypervisor kvm) {
        this.kvm = kvm;
    }

    String info(HvInstance instance) {
        String name = instance.instance().name();
        try {
            return Files.readString(kvm.dirs.runtime(name));
        } catch (IOException e) {
            throw KvmHypervisor.hvError("Instance " + name + " has no runtime file here: " + e.getMessage());
        }
    }

    void accept(HvInstance instance, String info, String targetAddress) {
        String name = instance.instance().name();
        Map<String, Object> hv;
        Map<String, Integer> slots;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> doc = JSON.readValue(info, Map.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> saved = (Map<String, Object>) doc.get("hvparams");
            hv = KvmParams.typed(saved != null ? saved : instance.hvparams());
            @SuppressWarnings("unchecked")
            List<String> argv = doc.get("argv") instanceof List<?> l ? (List<String>) l : List.of();
            slots = PciSlots.inUse(argv); // the devices where the source has them (hotplugged ones too)
        } catch (IOException | RuntimeException e) {
            throw KvmHypervisor.hvError("Can't accept instance " + name + ": bad migration information: "
                    + e.getMessage());
        }
        if (kvm.process(name).isPresent()) {
            throw KvmHypervisor.hvError("Can't accept instance, already running");
        }
        HvInstance withStartParams = new HvInstance(instance.instance(), hv, instance.beparams(),
                instance.diskPaths());
        kvm.startable(withStartParams, "accept");
        String incoming = "tcp:" + host(targetAddress) + ":" + hv.get("migration_port");
        kvm.launch(name, KvmCommand.build(withStartParams, hv, kvm.dirs, false, incoming, slots), hv, false,
                "accept");
        String caps = (String) hv.get("migration_caps");
        if (!caps.isEmpty()) {
            try (Qmp q = kvm.qmp(name)) {
                q.execute("migrate-set-capabilities", Map.of("capabilities", capabilities(caps, true)));
            } catch (IOException e) {
                throw KvmHypervisor.hvError("Can't accept instance " + name + ": " + e.getMessage());
            }
        }
    }

    void migrate(HvInstance instance, String targetAddress, boolean live) {
        String name = instance.instance().name();
        if (kvm.process(name).isEmpty()) {
            throw KvmHypervisor.hvError("Failed to migrate instance " + name + ": not running");
        }
        Map<String, Object> hv = KvmParams.typed(instance.hvparams());
        badAnswers.remove(name);
        try (Qmp q = kvm.qmp(name)) {
            if (!live) {
                q.execute("stop", null);
            }
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("max-bandwidth", ((Integer) hv.get("migration_bandwidth")).longValue() * 1048576L);
            params.put("downtime-limit", ((Integer) hv.get("migration_downtime")).longValue());
            q.execute("migrate-set-parameters", params);
            String caps = (String) hv.get("migration_caps");
            if (!caps.isEmpty()) {
                q.execute("migrate-set-capabilities", Map.of("capabilities", capabilities(caps, true)));
            }
            q.execute("migrate", Map.of("uri", "tcp:" + host(targetAddress) + ":" + hv.get("migration_port")));
        } catch (IOException e) {
            throw KvmHypervisor.hvError("Failed to migrate instance " + name + ": " + e.getMessage());
        }
    }

    HvMigrationStatus status(HvInstance instance) {
        String name = instance.instance().name();
        JsonNode st;
        try (Qmp q = kvm.qmp(name)) {
            st = q.execute("query-migrate", null);
        } catch (IOException e) {
            int bad = badAnswers.merge(name, 1, Integer::sum);
            if (bad >= MAX_BAD_ANSWERS) {
                return new HvMigrationStatus(HvMigrationStatus.FAILED, null, null);
            }
            return new HvMigrationStatus(HvMigrationStatus.ACTIVE, null, null);
        }
        badAnswers.remove(name);
        String s = st.path("status").asText("active");
        Long transferred = st.path("ram").has("transferred") ? st.path("ram").get("transferred").asLong() : null;
        Long total = st.path("ram").has("total") ? st.path("ram").get("total").asLong() : null;
        String status = switch (s) {
            case "completed" -> HvMigrationStatus.COMPLETED;
            case "failed" -> HvMigrationStatus.FAILED;
            case "cancelled" -> HvMigrationStatus.CANCELLED;
            default -> HvMigrationStatus.ACTIVE; // setup, active, postcopy-active, device, pre-switchover
        };
        if (HvMigrationStatus.COMPLETED.equals(status)) {
            record(name, st);
        }
        return new HvMigrationStatus(status, transferred, total);
    }

    void finalizeTarget(HvInstance instance, String info, boolean success) {
        String name = instance.instance().name();
        Optional<QemuProcess> p = kvm.process(name);
        if (success) {
            if (p.isEmpty()) {
                throw KvmHypervisor.hvError("Instance " + name + " is not running here after its migration");
            }
            try (Qmp q = kvm.qmp(name)) {
                if (!q.execute("query-status", null).path("running").asBoolean()) {
                    q.execute("cont", null); // a non-live migration arrives stopped
                }
                String caps = (String) KvmParams.typed(instance.hvparams()).get("migration_caps");
                if (!caps.isEmpty()) {
                    q.execute("migrate-set-capabilities", Map.of("capabilities", capabilities(caps, false)));
                }
            } catch (IOException e) {
                throw KvmHypervisor.hvError("Failed to finalize the migration of " + name + ": " + e.getMessage());
            }
            return;
        }
        p.ifPresent(QemuProcess::kill);
        p.ifPresent(x -> KvmHypervisor.awaitDeath(x, java.time.Duration.ofSeconds(10)));
        kvm.runtime(name).ifPresent(s -> Taps.down(s.taps()));
        kvm.dirs.clean(name);
    }

    void finalizeSource(HvInstance instance, boolean success) {
        String name = instance.instance().name();
        Optional<QemuProcess> p = kvm.process(name);
        if (success) {
            List<KvmCommand.Tap> taps = kvm.runtime(name).map(KvmHypervisor.Saved::taps).orElse(List.of());
            p.ifPresent(QemuProcess::kill);
            p.ifPresent(x -> KvmHypervisor.awaitDeath(x, java.time.Duration.ofSeconds(10)));
            Taps.down(taps);
            kvm.dirs.clean(name);
            return;
        }
        if (p.isPresent()) {
            try (Qmp q = kvm.qmp(name)) {
                if ("active".equals(q.execute("query-migrate", null).path("status").asText())) {
                    q.execute("migrate_cancel", null);
                }
                if (!q.execute("query-status", null).path("running").asBoolean()) {
                    q.execute("cont", null);
                }
            } catch (IOException e) {
                throw KvmHypervisor.hvError("Failed to resume instance " + name + " after a failed migration: "
                        + e.getMessage());
            }
        }
    }

    /** The figures of a completed migration, kept next to qemu's log. */
    private void record(String name, JsonNode st) {
        try {
            Files.writeString(kvm.dirs.logs().resolve(name + ".migration"), JSON.writeValueAsString(st) + "\n");
        } catch (IOException ignored) {
            // figures only
        }
    }

    private static List<Map<String, Object>> capabilities(String caps, boolean on) {
        return java.util.Arrays.stream(caps.split(":")).filter(c -> !c.isBlank())
                .map(c -> Map.<String, Object>of("capability", c, "state", on)).toList();
    }

    private static String host(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }

    static GanetiException error(String message) {
        return KvmHypervisor.hvError(message);
    }
}
