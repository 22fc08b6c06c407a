package org.garnet.shell.internal.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.GanetiException;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.shell.internal.format.Errors;
import org.garnet.shell.internal.format.Streams;
import org.garnet.shell.internal.jobs.JobAction;

/**
 * {@code gnt-cluster verify}: submits {@code OP_CLUSTER_VERIFY}, which expands into one job for the
 * configuration and one per node group; follows each (Ganeti's {@code JobExecutor}: {@code Submitted jobs ...},
 * {@code Waiting for job N ...}, the log lines) and exits 1 when a job failed or found an error.
 */
@Service
@Command(scope = "gnt.cluster", name = "verify", description = "Does a check on the cluster configuration")
public class VerifyCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Option(name = "--verbose", aliases = "-v", description = "Increase the verbosity of the operation")
    boolean verbose;
    @Option(name = "--error-codes", description = "Enable parseable error messages")
    boolean errorCodes;
    @Option(name = "--debug-simulate-errors", description = "Debugging option that makes the operation treat "
            + "most runtime checks as failed")
    boolean simulate;
    @Option(name = "--node-group", description = "Node group on which to operate")
    String group;
    @Option(name = "--ignore-errors", multiValued = true, description = "Ignore these error codes")
    List<String> ignore;

    @Override
    protected String tool() {
        return "gnt-cluster";
    }

    @Override
    protected String command() {
        return "verify";
    }

    @Override
    public Object execute() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("verbose", verbose);
        p.put("error_codes", errorCodes);
        p.put("debug_simulate_errors", simulate);
        p.put("ignore_errors", ignore == null ? List.of() : ignore);
        if (group != null) {
            p.put("group_name", group);
        }
        List<Object> results = runJob(queue, List.of(OpCode.of("OP_CLUSTER_VERIFY", p)));
        if (results == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<List<Object>> jobs = (List<List<Object>>) ((Map<String, Object>) results.get(0)).get("jobs");
        List<Long> ids = new ArrayList<>();
        jobs.forEach(j -> ids.add(((Number) j.get(1)).longValue()));
        System.out.println("Submitted jobs " + String.join(", ", ids.stream().map(String::valueOf).toList()));
        int badJobs = 0;
        int badResults = 0;
        for (long id : ids) {
            System.out.println("Waiting for job " + id + " ...");
            try {
                List<Object> r = follow(queue, id);
                if (r.stream().anyMatch(x -> !Boolean.TRUE.equals(x))) {
                    badResults++;
                }
            } catch (GanetiException e) {
                Streams.err().println("Job " + id + " has failed: " + Errors.format(e).message());
                badJobs++;
            }
        }
        if (badJobs > 0) {
            System.out.println(badJobs + " job(s) failed while verifying the cluster.");
        }
        return badJobs == 0 && badResults == 0 ? null : 1;
    }
}
