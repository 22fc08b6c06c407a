package org.garnet.htools.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.garnet.htools.hbal.IMove;
import org.garnet.htools.jobs.JobSink;
import org.garnet.htools.loader.RapiJobSink;
import org.garnet.htools.model.HtoolsException;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.Node;

/**
 * Ganeti's {@code -X} (execJobSet): the job sets in order, the jobs of a set submitted together ("Got job IDs
 * …"), the next set only once every job of this one succeeded; a failure stops there ("Aborting.").
 */
public final class ExecJobs {
    /** The appliance's shell installs its job queue here (the reason given to it); null: through the RAPI. */
    private static volatile java.util.function.BiFunction<String, String, JobSink> inAppliance;

    private ExecJobs() {
    }

    /** Sets (or with null removes) the job sink of tools run inside the appliance: (tool, reason) to a sink. */
    public static void inAppliance(java.util.function.BiFunction<String, String, JobSink> sinks) {
        inAppliance = sinks;
    }

    static JobSink sink(String reason) throws HtoolsException {
        return sink("hbal", reason);
    }

    /** The sink for {@code tool}'s jobs, with the {@code --reason} given (null: none). */
    static JobSink sink(String tool, String reason) throws HtoolsException {
        java.util.function.BiFunction<String, String, JobSink> f = inAppliance;
        return f != null ? f.apply(tool, reason) : new RapiJobSink(Cluster.liveRapi(), reason);
    }

    /** Ganeti's iMoveToJob: a running instance is migrated (failing over if it must), a stopped one failed over. */
    static List<Map<String, Object>> opcodes(Instance inst, IMove move, Node[] nl) {
        String target = move.target() >= 0 ? nl[move.target()].name : null;
        return switch (move.kind()) {
            case FAILOVER -> List.of(failover(inst, null));
            case FAILOVER_TO_ANY -> List.of(failover(inst, target));
            case REPLACE_PRIMARY -> List.of(failover(inst, null), replace(inst, target), failover(inst, null));
            case REPLACE_SECONDARY -> List.of(replace(inst, target));
            case REPLACE_AND_FAILOVER -> List.of(replace(inst, target), failover(inst, null));
            case FAILOVER_AND_REPLACE -> List.of(failover(inst, null), replace(inst, target));
        };
    }

    private static Map<String, Object> failover(Instance inst, String target) {
        Map<String, Object> o = new LinkedHashMap<>();
        if (inst.isRunning()) {
            o.put("OP_ID", "OP_INSTANCE_MIGRATE");
            o.put("instance_name", inst.name);
            if (target != null) {
                o.put("target_node", target);
            }
            o.put("allow_runtime_changes", false);
            o.put("ignore_ipolicy", false);
            o.put("cleanup", false);
            o.put("allow_failover", true);
            o.put("ignore_hvversions", true);
        } else {
            o.put("OP_ID", "OP_INSTANCE_FAILOVER");
            o.put("instance_name", inst.name);
            o.put("shutdown_timeout", 120);
            o.put("ignore_consistency", false);
            if (target != null) {
                o.put("target_node", target);
            }
            o.put("ignore_ipolicy", false);
        }
        return o;
    }

    private static Map<String, Object> replace(Instance inst, String node) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("OP_ID", "OP_INSTANCE_REPLACE_DISKS");
        o.put("instance_name", inst.name);
        o.put("early_release", false);
        o.put("ignore_ipolicy", false);
        o.put("mode", "replace_new_secondary");
        o.put("disks", List.of());
        o.put("remote_node", node);
        return o;
    }

    /** Runs the sets; 0 when every job succeeded, else 1 after Ganeti's message. */
    static int run(JobSink sink, List<List<List<Map<String, Object>>>> sets, PrintStream out, PrintStream err)
            throws HtoolsException {
        for (List<List<Map<String, Object>>> set : sets) {
            List<Long> ids = new ArrayList<>();
            for (List<Map<String, Object>> job : set) {
                ids.add(sink.submit(job));
            }
            out.println("Got job IDs " + String.join(",", ids.stream().map(String::valueOf).toList()));
            out.flush();
            List<String> failures = new ArrayList<>();
            for (long id : ids) {
                String status = sink.awaitFinal(id);
                if (!status.equals("success")) {
                    failures.add("(" + id + "," + status + ")");
                }
            }
            if (!failures.isEmpty()) {
                err.println("Error: Not all jobs completed successfully: [" + String.join(",", failures) + "]");
                err.println("Aborting.");
                return 1;
            }
        }
        return 0;
    }
}
