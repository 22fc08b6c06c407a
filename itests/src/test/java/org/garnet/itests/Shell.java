package org.garnet.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.osgi.framework.BundleContext;

/** The appliance's Karaf shell, as a user typing gnt commands into it: a command in, its output (both streams). */
final class Shell {
    private final SessionFactory sessions;
    private final BundleContext context;

    Shell(SessionFactory sessions, BundleContext context) {
        this.sessions = sessions;
        this.context = context;
    }

    /** Runs the command; the output, or the command's error as the shell would print it. */
    String run(String command) throws Exception {
        awaitGntCommands();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Session session = sessions.create(new ByteArrayInputStream(new byte[0]), print, print);
        try {
            session.execute(command);
        } catch (Exception e) {
            print.println("Error: " + e.getMessage());
        } finally {
            session.close();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** {@link #run} for conditions polled in a loop. */
    String quiet(String command) {
        try {
            return run(command);
        } catch (Exception e) {
            return "";
        }
    }

    private void awaitGntCommands() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (sessions.getRegistry().getCommands().stream().noneMatch(c -> c.getName().equals("gnt-cluster"))) {
            if (System.nanoTime() > deadline) {
                StringBuilder states = new StringBuilder();
                Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().startsWith("org.garnet"))
                        .forEach(b -> states.append(b.getSymbolicName()).append('=').append(b.getState()).append(' '));
                throw new AssertionError("the gnt commands were not registered within 60 s; bundles: " + states);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
