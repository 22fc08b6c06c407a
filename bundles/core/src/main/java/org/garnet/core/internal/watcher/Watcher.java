package org.garnet.core.internal.watcher;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.garnet.api.GanetiException;
import org.garnet.api.ReasonEntry;
import org.garnet.api.config.ClusterService;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobChange;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.model.Cluster;
import org.garnet.api.query.QueryResult;
import org.garnet.api.query.QueryService;
import org.garnet.api.query.ResultCell;
import org.garnet.core.internal.CoreConfig;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ganeti's watcher, run on the master every {@code watcher.interval} seconds (Ganeti's cron: every 5 minutes)
 * instead of by cron: an instance marked up that does not run on its online primary node ({@code ERROR_down}, say
 * after the node's appliance or host restarted) is started again by a job whose reason trail says
 * {@code gnt:watcher}; after {@value #MAX_TRIES} failed attempts it gives up on that instance until it runs or is
 * stopped (Ganeti's rules; the attempts are counted in memory on the master). Instances on offline or unreachable
 * nodes are left alone. Nothing happens while the watcher is paused ({@code gnt-cluster watcher pause}).
 */
@Component(immediate = true, configurationPid = CoreConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class Watcher {
    static final int MAX_TRIES = 5;
    private static final Set<String> HELPLESS = Set.of("ERROR_nodedown", "ERROR_nodeoffline");
    private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);
    /** How long one restart job may take before the watcher goes on. */
    private static final Duration JOB_WAIT = Duration.ofMinutes(10);

    @ObjectClassDefinition(name = "Garnet watcher")
    public @interface Config {
        @AttributeDefinition(description = "Seconds between two runs of the watcher on the master (0: never)")
        int watcher_interval() default 300;
    }

    private final ConfigStore store;
    private final ClusterService cluster;
    private final QueryService query;
    private final JobQueue queue;
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    @Activate
    public Watcher(@Reference ConfigStore store, @Reference ClusterService cluster, @Reference QueryService query,
                   @Reference JobQueue queue, Config config) {
        this.store = store;
        this.cluster = cluster;
        this.query = query;
        this.queue = queue;
        int interval = config.watcher_interval();
        if (interval > 0) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "garnet-watcher");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::safeRun, interval, interval, TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void safeRun() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("Watcher run failed: {}", e.getMessage());
        }
    }

    /** One pass (Ganeti's _CheckInstances); answers the instances it started. */
    List<String> runOnce() {
        Optional<Cluster> c = store.cluster();
        if (c.isEmpty()) {
            return List.of();
        }
        try {
            cluster.requireMaster();
        } catch (GanetiException notMaster) {
            return List.of();
        }
        Double until = c.get().watcherPause();
        if (until != null && until > System.currentTimeMillis() / 1000.0) {
            LOG.debug("Watcher is paused until {}", until);
            return List.of();
        }
        QueryResult r = query.query("instance", List.of("name", "status"), List.of());
        List<String> started = new java.util.ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (List<ResultCell> row : r.rows()) {
            String name = String.valueOf(row.get(0).value());
            String status = String.valueOf(row.get(1).value());
            seen.add(name);
            if ("ERROR_down".equals(status)) {
                int n = attempts.getOrDefault(name, 0);
                if (n > MAX_TRIES) {
                    LOG.warn("Not restarting instance '{}', retries exhausted", name);
                    continue;
                }
                if (n == MAX_TRIES) {
                    attempts.put(name, n + 1);
                    LOG.error("Could not restart instance '{}' after {} attempts, giving up", name, MAX_TRIES);
                    continue;
                }
                LOG.info("Restarting instance '{}' (attempt #{})", name, n + 1);
                if (restart(name)) {
                    started.add(name);
                }
                attempts.put(name, n + 1);
            } else if (attempts.remove(name) != null && !HELPLESS.contains(status)) {
                LOG.info("Restart of instance '{}' succeeded", name);
            }
        }
        attempts.keySet().retainAll(seen);
        return started;
    }

    /** Submits Ganeti's watcher startup job and waits (bounded) for it; true when it succeeded. */
    private boolean restart(String name) {
        long now = System.currentTimeMillis() * 1_000_000L;
        OpCode op = OpCode.of("OP_INSTANCE_STARTUP", Map.of("instance_name", name, "force", false))
                .withReason(List.of(new ReasonEntry("gnt:watcher", "Restarting instance " + name, now)));
        long id;
        try {
            id = queue.submit(List.of(op));
        } catch (RuntimeException e) {
            LOG.warn("Error while restarting instance '{}': {}", name, e.getMessage());
            return false;
        }
        long deadline = System.nanoTime() + JOB_WAIT.toNanos();
        JobStatus known = null;
        while (System.nanoTime() < deadline) {
            Optional<JobChange> change = queue.awaitChange(id, known, Long.MAX_VALUE, Duration.ofSeconds(30));
            Job job = change.map(JobChange::job).orElseGet(() -> queue.job(id).orElse(null));
            if (job == null) {
                return false;
            }
            known = job.status();
            if (known.isFinalized()) {
                if (known != JobStatus.success) {
                    LOG.warn("Error while restarting instance '{}': job {} ended {}", name, id, known);
                }
                return known == JobStatus.success;
            }
        }
        LOG.warn("Restarting instance '{}': job {} still not finished, going on", name, id);
        return false;
    }
}
