package org.garnet.hypervisor.kvm.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Ganeti's KVM runtime files under the node's run directory ({@code kvm-hypervisor/}): {@code pid/<inst>} (qemu's
 * {@code -pidfile}), {@code ctrl/<inst>.qmp}, {@code .monitor} and {@code .serial} (sockets), {@code
 * conf/<inst>.runtime} (what the instance was started with, replayed by a reboot or on a migration target); qemu's
 * log ({@code -D}) in {@code log/<inst>.log}.
 */
record KvmDirs(Path root, Path logs) {
    KvmDirs {
        try {
            for (Path p : new Path[] {root.resolve("pid"), root.resolve("ctrl"), root.resolve("conf"), logs}) {
                Files.createDirectories(p);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + root + ": " + e.getMessage(), e);
        }
    }

    Path pid(String inst) {
        return root.resolve("pid").resolve(checked(inst));
    }

    Path qmp(String inst) {
        return root.resolve("ctrl").resolve(checked(inst) + ".qmp");
    }

    Path monitor(String inst) {
        return root.resolve("ctrl").resolve(checked(inst) + ".monitor");
    }

    Path serial(String inst) {
        return root.resolve("ctrl").resolve(checked(inst) + ".serial");
    }

    Path runtime(String inst) {
        return root.resolve("conf").resolve(checked(inst) + ".runtime");
    }

    Path log(String inst) {
        return logs.resolve(checked(inst) + ".log");
    }

    Path pidDir() {
        return root.resolve("pid");
    }

    /** Removes an instance's runtime files (after it stopped). */
    void clean(String inst) {
        for (Path p : new Path[] {pid(inst), qmp(inst), monitor(inst), serial(inst), runtime(inst)}) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a file that cannot go is overwritten at the next start
            }
        }
    }

    private static String checked(String inst) {
        if (inst.isEmpty() || inst.contains("/") || inst.startsWith(".")) {
            throw KvmParams.invalid("Invalid instance name '" + inst + "'");
        }
        return inst;
    }
}
