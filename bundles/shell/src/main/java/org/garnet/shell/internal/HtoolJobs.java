package org.garnet.shell.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.garnet.api.ReasonEntry;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.JobStatus;
import org.garnet.api.jobs.OpCode;
import org.garnet.htools.cli.ExecJobs;
import org.garnet.htools.jobs.JobSink;
import org.garnet.htools.model.HtoolsException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The htools typed in the appliance's shell ({@code hbal -L -X}, {@code hsqueeze -L -X}) submit their jobs to
 * this appliance's job queue directly, as Ganeti's do over the master's LUXI socket; the reason trail gets
 * {@code --reason} (as {@code gnt:user}, so Ganeti's {@code rate-limit:N:} reasons apply) and the tool.
 */
@Component(immediate = true)
public class HtoolJobs {
    private final JobQueue queue;

    private final org.osgi.service.cm.ConfigurationAdmin configs;

    @Activate
    public HtoolJobs(@Reference JobQueue queue, @Reference org.osgi.service.cm.ConfigurationAdmin configs) {
        this.queue = queue;
        this.configs = configs;
        ExecJobs.inAppliance(this::sink);
        org.garnet.htools.cli.Cluster.liveRapiInAppliance(this::ownRapi);
    }

    @Deactivate
    void deactivate() {
        ExecJobs.inAppliance(null);
        org.garnet.htools.cli.Cluster.liveRapiInAppliance(null);
    }

    /**
     * This appliance's RAPI as its configuration says (address and port), with the first user of its users file
     * that may write and whose password is stored in clear (as {@code ./garnet} makes it): {@code -L} reads the
     * cluster there, as Ganeti's tools read the master's LUXI socket.
     */
    private String ownRapi() {
        String address = "127.0.0.1";
        String port = "5080";
        String dir = "";
        try {
            var conf = configs.getConfiguration("org.garnet.rapi", null).getProperties();
            if (conf != null) {
                address = String.valueOf(java.util.Objects.requireNonNullElse(conf.get("bind.address"), address));
                port = String.valueOf(java.util.Objects.requireNonNullElse(conf.get("port"), port));
                dir = String.valueOf(java.util.Objects.requireNonNullElse(conf.get("dir"), ""));
            }
        } catch (java.io.IOException e) {
            // the defaults
        }
        if (address.isEmpty() || address.equals("0.0.0.0")) {
            address = "127.0.0.1";
        }
        java.nio.file.Path users = (dir.isEmpty() ? java.nio.file.Path.of(System.getProperty("karaf.base", "."),
                "var", "lib", "garnet", "rapi") : java.nio.file.Path.of(dir)).resolve("users");
        String cred = "";
        try {
            for (String line : java.nio.file.Files.readAllLines(users)) {
                String[] f = line.strip().split("\\s+");
                if (f.length >= 3 && !f[0].startsWith("#") && f[2].contains("write") && !f[1].startsWith("{")) {
                    cred = java.net.URLEncoder.encode(f[0], java.nio.charset.StandardCharsets.UTF_8) + ":"
                            + java.net.URLEncoder.encode(f[1], java.nio.charset.StandardCharsets.UTF_8) + "@";
                    break;
                }
            }
        } catch (java.io.IOException e) {
            // no users file: without credentials
        }
        return "https://" + cred + (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }

    private JobSink sink(String tool, String reason) {
        return new JobSink() {
            @Override
            public long submit(List<Map<String, Object>> opcodes) throws HtoolsException {
                long now = System.currentTimeMillis() * 1_000_000L;
                List<OpCode> ops = new ArrayList<>();
                for (Map<String, Object> o : opcodes) {
                    OpCode op = queue.parseOpCode(o);
                    List<ReasonEntry> trail = new ArrayList<>(op.reason());
                    if (reason != null) {
                        trail.add(new ReasonEntry("gnt:user", reason, now));
                    }
                    // Ganeti's hsqueeze annotates its opcodes with its own entry; hbal with the client's
                    trail.add(tool.equals("hsqueeze") ? new ReasonEntry("hsqueeze", "hsqueeze "
                            + Version.get() + " called", now)
                            : new ReasonEntry("gnt:client:" + tool, "", now));
                    ops.add(op.withReason(trail));
                }
                try {
                    return queue.submit(ops);
                } catch (RuntimeException e) {
                    throw new HtoolsException("Job submission error: " + e.getMessage());
                }
            }

            @Override
            public String awaitFinal(long id) throws HtoolsException {
                JobStatus known = null;
                while (true) {
                    var change = queue.awaitChange(id, known, Long.MAX_VALUE, Duration.ofSeconds(30));
                    Job job = change.isPresent() ? change.get().job() : queue.job(id).orElseThrow(
                            () -> new HtoolsException("Checking job status: job " + id + " not found"));
                    known = job.status();
                    if (known.isFinalized()) {
                        return known.name();
                    }
                }
            }
        };
    }
}
