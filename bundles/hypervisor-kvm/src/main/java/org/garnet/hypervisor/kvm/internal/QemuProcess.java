package org.garnet.hypervisor.kvm.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A running qemu as Ganeti recognises one: the process in the instance's pid file is alive and its command line
 * has {@code -name <instance>} (so a recycled pid is not taken for the guest). Its memory and vCPUs are read back
 * from {@code -m} and {@code -smp}, its age from {@code /proc}.
 */
record QemuProcess(long pid, List<String> cmdline) {
    static Optional<QemuProcess> of(Path pidFile, String instance) {
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        List<String> cmd;
        try {
            String raw = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8);
            cmd = List.of(raw.split("\0"));
        } catch (IOException e) {
            return Optional.empty();
        }
        if (zombie(pid)) {
            return Optional.empty();
        }
        int at = cmd.indexOf("-name");
        if (at < 0 || at + 1 >= cmd.size() || !cmd.get(at + 1).split(",")[0].equals(instance)) {
            return Optional.empty();
        }
        return Optional.of(new QemuProcess(pid, cmd));
    }

    long memory() {
        String m = arg("-m", "128");
        try {
            return Long.parseLong(m.split(",")[0].replaceAll("[^0-9]", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    int vcpus() {
        try {
            return Integer.parseInt(arg("-smp", "1").split(",")[0]);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Seconds since the process started. */
    long uptimeSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(f[19]);
            double up = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            return Math.max(0, (long) (up - startTicks / 100.0));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    boolean alive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !zombie(pid);
    }

    /** SIGKILL. */
    void kill() {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    private String arg(String flag, String dflt) {
        int at = cmdline.indexOf(flag);
        return at >= 0 && at + 1 < cmdline.size() ? cmdline.get(at + 1) : dflt;
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
