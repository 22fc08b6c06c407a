package org.garnet.release.agent.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.karaf.features.FeaturesService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Swaps this node's Garnet release when asked, from outside the bundle set it swaps (this bundle is in a feature
 * of its own and imports nothing of Garnet, so the swap never stops it). The protocol is files in
 * {@code ${karaf.data}/garnet-release/}, so that it survives the swap and the JVM: the core writes
 * {@code swap.request} ({@code id}, {@code to}, optionally {@code bound.seconds}: how long the new release may
 * take to come up, default {@value #BOUND_SECONDS}); the agent writes {@code swap.state} ({@code id}, {@code from},
 * {@code to}, {@code state}: swapping, done, failed or rolled-back, {@code message}, {@code time}) before it starts
 * and when it ends; the core of each release writes {@code ready} (its version) once it has started. A swap found
 * "swapping" when the agent starts (the JVM stopped in the middle) is finished or taken back.
 */
@Component(immediate = true)
public class ReleaseAgent {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseAgent.class);
    static final String REQUEST = "swap.request";
    static final String STATE = "swap.state";
    static final String READY = "ready";
    /** How long a new release may take to come up before it is taken back, unless the request says. */
    static final int BOUND_SECONDS = 90;
    private final Path dir;
    private final KarafContainer container;
    private final Thread worker;
    private volatile boolean stopped;

    @Activate
    public ReleaseAgent(@Reference FeaturesService features, BundleContext context) {
        this.dir = Path.of(System.getProperty("karaf.data", "data"), "garnet-release");
        this.container = new KarafContainer(features, context, dir.resolve(READY));
        this.worker = new Thread(this::serve, "garnet-release-agent");
        worker.setDaemon(true);
        worker.start();
    }

    @Deactivate
    void stop() {
        stopped = true;
        worker.interrupt();
    }

    private void serve() {
        try {
            Files.createDirectories(dir);
            try (WatchService watch = dir.getFileSystem().newWatchService()) {
                dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
                while (!stopped) {
                    look();
                    var key = watch.poll(5, TimeUnit.SECONDS); // also looks again now and then
                    if (key != null) {
                        key.pollEvents();
                        key.reset();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.error("Release agent stopped: {}", e.getMessage(), e);
        }
    }

    /** Carries out the request there is, unless it was already. */
    void look() throws InterruptedException {
        Properties request = read(REQUEST);
        String id = request.getProperty("id", "");
        String to = request.getProperty("to", "").strip();
        if (id.isEmpty() || to.isEmpty()) {
            return;
        }
        Swap swap = new Swap(container, Duration.ofSeconds(bound(request)));
        Properties state = read(STATE);
        boolean same = id.equals(state.getProperty("id"));
        String was = state.getProperty("state", "");
        if (same && !"swapping".equals(was)) {
            return; // done before
        }
        String from = same ? state.getProperty("from", "") : swap.running();
        if (!same && to.equals(from)) {
            write(id, from, to, Swap.Outcome.DONE, "release " + to + " already runs");
            return;
        }
        write(id, from, to, "swapping", "from release " + from + " to " + to);
        LOG.info("Release agent: {} release {} -> {}", same ? "finishing the swap" : "swapping", from, to);
        Swap.Outcome end = same ? swap.resume(from, to) : swap.run(from, to);
        write(id, from, to, end.state(), end.message());
        LOG.info("Release agent: swap {} -> {}: {} ({})", from, to, end.state(), end.message());
    }

    private static int bound(Properties request) {
        try {
            return Math.max(1, Integer.parseInt(request.getProperty("bound.seconds", "").strip()));
        } catch (NumberFormatException e) {
            return BOUND_SECONDS;
        }
    }

    private Properties read(String name) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(name))) {
            p.load(r);
        } catch (IOException e) {
            // absent or unreadable: no request, no state
        }
        return p;
    }

    /** Replaces swap.state at once (written aside, fsync'd, renamed). */
    private void write(String id, String from, String to, String state, String message) {
        Properties p = new Properties();
        p.setProperty("id", id);
        p.setProperty("from", from);
        p.setProperty("to", to);
        p.setProperty("state", state);
        p.setProperty("message", message);
        p.setProperty("time", Instant.now().toString());
        Path tmp = dir.resolve("." + STATE + ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "Garnet release agent");
            }
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            Files.move(tmp, dir.resolve(STATE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.error("Release agent: cannot write {}: {}", dir.resolve(STATE), e.getMessage());
        }
    }
}
