package org.garnet.api.hypervisor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.garnet.api.GanetiException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A hypervisor driver ({@code kvm}, {@code xen-pvm}, {@code xen-hvm}, {@code lxc}, {@code fake}, {@code chroot}).
 * Registered as an OSGi service with the property {@value #TYPE} = its Ganeti name; the core binds drivers
 * dynamically and the one with the highest {@code service.ranking} wins.
 *
 * <p>Threading: methods may be called concurrently for different instances; the core never calls two
 * lifecycle methods for the same instance at once (it holds that instance's lock). The core calls every method
 * through a guard with a timeout and without holding its own monitors, so a method may block on I/O.
 *
 * <p>Errors: a method that cannot do what is asked throws {@link GanetiException} (usually
 * {@code OpExecError}) with a message for the user; any other exception is reported as an internal error.
 */
@ConsumerType
public interface Hypervisor {
    /** Service property naming the hypervisor type. */
    String TYPE = "hypervisor.type";

    /** The hypervisor parameters this driver accepts, with their defaults (Ganeti's {@code PARAMETERS}). */
    Map<String, Object> defaultParameters();

    /** Checks hypervisor parameters syntactically; throws {@code OpPrereqError ECODE_INVAL} if wrong. */
    void checkParameters(Map<String, Object> hvparams);

    /** Starts the instance; fails if it is already running. */
    void start(HvInstance instance, boolean paused);

    /** Stops the instance (forcibly after {@code timeout}, or at once with {@code force}). */
    void stop(HvInstance instance, boolean force, Duration timeout);

    /** Reboots a running instance. */
    void reboot(HvInstance instance);

    /** The instances this hypervisor runs on this node. */
    List<HvInstanceInfo> list();

    /** Runtime information of one instance, empty if it is not running here. */
    Optional<HvInstanceInfo> info(String instanceName);

    /** Memory and CPU figures of this node as this hypervisor sees them. */
    HvNodeInfo nodeInfo();

    /** How a user reaches the instance's console. */
    ConsoleInfo console(HvInstance instance);

    /**
     * The unix socket of the instance's serial console on this node, when it runs here with one (the node daemon
     * streams it to the master's {@code gnt-instance console}).
     */
    default java.util.Optional<java.nio.file.Path> serialSocket(String instanceName) {
        return java.util.Optional.empty();
    }

    /** Problems with this node's setup for this hypervisor (empty = fine). */
    List<String> verify();

    /**
     * Problems with this node's setup for this hypervisor with the cluster's parameters for it (Ganeti's
     * {@code Verify(hvparams)}: what the parameters ask that this node cannot give); by default {@link #verify()}.
     */
    default List<String> verify(java.util.Map<String, Object> hvparams) {
        return verify();
    }

    /**
     * What this node really gives the hypervisor's guests where it varies from node to node, in words for
     * {@code gnt-cluster verify}'s notes (the KVM driver: KVM acceleration or qemu's TCG only, and why); empty
     * when there is nothing to say.
     */
    default java.util.Optional<String> acceleration() {
        return java.util.Optional.empty();
    }

    /** Whether live migration is possible at all. */
    boolean canMigrate();

    // ---- migration (Ganeti's steps: info on the source, accept on the target, migrate and poll on the source,
    // finalize on both; the core changes the instance's primary node only after both finalized) ----

    /** On the source: what the target needs to accept the instance (opaque to the core). */
    default String migrationInfo(HvInstance instance) {
        return "";
    }

    /** On the target: prepares to receive the instance; fails if it already runs here. */
    default void acceptInstance(HvInstance instance, String info, String targetAddress) {
        throw notMigratable();
    }

    /** On the source: starts sending the running instance to {@code targetAddress}. */
    default void migrate(String clusterName, HvInstance instance, String targetAddress, boolean live) {
        throw notMigratable();
    }

    /** On the source: how the migration started by {@link #migrate} is going. */
    default HvMigrationStatus migrationStatus(HvInstance instance) {
        throw notMigratable();
    }

    /** On the target: the migration ended; with {@code success} the instance runs here, else it must not. */
    default void finalizeMigrationTarget(HvInstance instance, String info, boolean success) {
        throw notMigratable();
    }

    /** On the source: the migration ended; with {@code success} the instance no longer runs here. */
    default void finalizeMigrationSource(HvInstance instance, boolean success, boolean live) {
        throw notMigratable();
    }

    // ---- hotplug (Ganeti's HotplugSupported, VerifyHotplugSupport and Hot{Add,Del,Mod}Device) ----

    /** Hotplug actions, Ganeti's names. */
    String HOTPLUG_ADD = "hotadd";
    String HOTPLUG_REMOVE = "hotdel";
    String HOTPLUG_MODIFY = "hotmod";

    /**
     * Whether devices can be plugged into the running instance at all; throws a {@code HypervisorError} saying
     * why not (Ganeti's {@code HotplugSupported}).
     */
    default void checkHotplug(HvInstance instance) {
        throw noHotplug();
    }

    /**
     * Plugs a device into (or out of) the running instance: {@code action} one of {@link #HOTPLUG_ADD},
     * {@link #HOTPLUG_REMOVE}, {@link #HOTPLUG_MODIFY}; {@code target} {@code disk} or {@code nic}; {@code index}
     * the device's index in {@code instance}, which holds the device (for an added disk, its path among the
     * disk paths at that index; for a removed one, the instance as it was before). Records the change in what
     * the instance runs with, so a migration or reboot keeps it.
     */
    default void hotplug(HvInstance instance, String action, String target, int index) {
        throw noHotplug();
    }

    private GanetiException noHotplug() {
        return new GanetiException(org.garnet.api.ErrorClass.HypervisorError,
                "Hotplug is not supported by this hypervisor", null);
    }

    private GanetiException notMigratable() {
        return new GanetiException(org.garnet.api.ErrorClass.HypervisorError,
                "This hypervisor does not support migration", null);
    }
}
