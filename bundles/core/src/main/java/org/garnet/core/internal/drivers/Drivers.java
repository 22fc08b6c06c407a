package org.garnet.core.internal.drivers;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.garnet.api.ErrorClass;
import org.garnet.api.GanetiException;
import org.garnet.api.hypervisor.Hypervisor;
import org.garnet.api.os.OsDefinition;
import org.garnet.api.storage.DiskTemplate;
import org.garnet.core.internal.CoreConfig;
import org.garnet.core.internal.DataRoot;
import org.garnet.core.internal.os.OsCatalog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The drivers bound right now: hypervisors by {@code hypervisor.type}, disk templates by {@code disk.template},
 * OS definitions by {@code os.name} (plus the OS search path). Bound dynamically, so a driver bundle can be
 * stopped, replaced or dropped into {@code deploy/} while the appliance runs; a job that needs a missing driver
 * can wait for it ({@link #awaitHypervisor}). Published under this (internal) class for the core's units.
 */
@Component(service = Drivers.class, configurationPid = CoreConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class Drivers {
    private final Map<String, Hypervisor> hypervisors = new ConcurrentHashMap<>();
    private final Map<String, DiskTemplate> templates = new ConcurrentHashMap<>();
    private final OsCatalog os;
    private final org.garnet.core.internal.iallocator.Allocators allocators;

    @Activate
    public Drivers(CoreConfig config) {
        this(new OsCatalog(OsCatalog.of(DataRoot.of(config))), searchPath(DataRoot.of(config),
                config.iallocator_search_path()));
    }

    public Drivers(OsCatalog os) {
        this(os, org.garnet.core.internal.iallocator.Allocators.SEARCH_PATH);
    }

    public Drivers(OsCatalog os, java.util.List<java.nio.file.Path> iallocatorSearchPath) {
        this.os = os;
        this.allocators = new org.garnet.core.internal.iallocator.Allocators(iallocatorSearchPath);
    }

    private static java.util.List<java.nio.file.Path> searchPath(java.nio.file.Path dataRoot, String configured) {
        java.util.List<java.nio.file.Path> out = new java.util.ArrayList<>();
        out.add(dataRoot.resolve("iallocators"));
        if (configured == null || configured.isBlank()) {
            out.addAll(org.garnet.core.internal.iallocator.Allocators.SEARCH_PATH);
        } else {
            java.util.Arrays.stream(configured.split(":")).map(String::strip).filter(d -> !d.isEmpty())
                    .map(java.nio.file.Path::of).forEach(out::add);
        }
        return out;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void bindIAllocator(org.garnet.api.iallocator.IAllocator a, Map<String, Object> props) {
        allocators.added(String.valueOf(props.get(org.garnet.api.iallocator.IAllocator.NAME)), a);
    }

    public void unbindIAllocator(org.garnet.api.iallocator.IAllocator a, Map<String, Object> props) {
        allocators.removed(String.valueOf(props.get(org.garnet.api.iallocator.IAllocator.NAME)), a);
    }

    /** This node's releases (the org.garnet.release bundle, over Karaf's features service); absent in tests. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile org.garnet.api.release.Releases releases;

    public Optional<org.garnet.api.release.Releases> releases() {
        return Optional.ofNullable(releases);
    }

    /** Binds a release service by hand (units and tests outside a container). */
    public void releases(org.garnet.api.release.Releases r) {
        this.releases = r;
    }

    public org.garnet.core.internal.iallocator.Allocators allocators() {
        return allocators;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void bindHypervisor(Hypervisor hv, Map<String, Object> props) {
        synchronized (this) {
            hypervisors.put(String.valueOf(props.get(Hypervisor.TYPE)), hv);
            notifyAll();
        }
    }

    public void unbindHypervisor(Hypervisor hv, Map<String, Object> props) {
        hypervisors.remove(String.valueOf(props.get(Hypervisor.TYPE)), hv);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void bindDiskTemplate(DiskTemplate t, Map<String, Object> props) {
        synchronized (this) {
            templates.put(String.valueOf(props.get(DiskTemplate.TEMPLATE)), t);
            notifyAll();
        }
    }

    public void unbindDiskTemplate(DiskTemplate t, Map<String, Object> props) {
        templates.remove(String.valueOf(props.get(DiskTemplate.TEMPLATE)), t);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void bindOsDefinition(OsDefinition def, Map<String, Object> props) {
        os.added(String.valueOf(props.get(OsDefinition.NAME)), def);
    }

    public void unbindOsDefinition(OsDefinition def, Map<String, Object> props) {
        os.removed(String.valueOf(props.get(OsDefinition.NAME)), def);
    }

    public Optional<Hypervisor> hypervisor(String type) {
        return Optional.ofNullable(hypervisors.get(type));
    }

    public Optional<DiskTemplate> template(String name) {
        return Optional.ofNullable(templates.get(name));
    }

    public OsCatalog os() {
        return os;
    }

    public Set<String> hypervisorTypes() {
        return new TreeSet<>(hypervisors.keySet());
    }

    public Set<String> templateNames() {
        return new TreeSet<>(templates.keySet());
    }

    /** The disk template, or {@code OpPrereqError} naming it when its bundle is not active. */
    public DiskTemplate requireTemplate(String name) {
        return template(name).orElseThrow(() -> GanetiException.prereq("Disk template '" + name
                + "' is not available on this node (its bundle is not active)", org.garnet.api.ErrorCode.ECODE_ENVIRON));
    }

    /**
     * Waits until the hypervisor's bundle is active, as long as {@code cancelled} stays false and at most
     * {@code maxMillis}; a job needing a hypervisor that is being replaced waits instead of failing.
     */
    public Hypervisor awaitHypervisor(String type, BooleanSupplier cancelled, long maxMillis) {
        long deadline = System.currentTimeMillis() + maxMillis;
        synchronized (this) {
            while (true) {
                Hypervisor hv = hypervisors.get(type);
                if (hv != null) {
                    return hv;
                }
                long left = deadline - System.currentTimeMillis();
                if (cancelled.getAsBoolean()) {
                    throw new GanetiException(ErrorClass.JobCanceled, "Job canceled by request", null);
                }
                if (left <= 0) {
                    throw GanetiException.prereq("Hypervisor '" + type + "' is not available (its bundle is not "
                            + "active)", org.garnet.api.ErrorCode.ECODE_ENVIRON);
                }
                try {
                    wait(Math.min(left, 200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw GanetiException.exec("Interrupted while waiting for hypervisor '" + type + "'");
                }
            }
        }
    }
}
