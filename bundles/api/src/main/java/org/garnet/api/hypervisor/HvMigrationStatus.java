package org.garnet.api.hypervisor;

/**
 * How a migration that the source node started is going (Ganeti's {@code MigrationStatus}): {@code status} is one
 * of {@link #COMPLETED}, {@link #ACTIVE}, {@link #FAILED}, {@link #CANCELLED}; the memory figures in bytes when
 * the hypervisor knows them, else null.
 */
public record HvMigrationStatus(String status, Long transferredRam, Long totalRam) {
    public static final String COMPLETED = "completed";
    public static final String ACTIVE = "active";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    public static HvMigrationStatus completed() {
        return new HvMigrationStatus(COMPLETED, null, null);
    }

    /** Whether the migration is still under way. */
    public boolean active() {
        return ACTIVE.equals(status);
    }

    /** Whether the migration ended without the instance moving. */
    public boolean failed() {
        return FAILED.equals(status) || CANCELLED.equals(status);
    }
}
