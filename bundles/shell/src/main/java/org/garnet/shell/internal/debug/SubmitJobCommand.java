package org.garnet.shell.internal.debug;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
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
import org.garnet.shell.internal.jobs.OpCodeJson;

/**
 * {@code gnt-debug submit-job [--job-repeat N] [--op-repeat N] [--each] [--timing-stats] [-v] FILE...}: each
 * file holds a JSON list of opcodes in Ganeti's format ({@code [{"OP_ID": ..., ...}]}, with {@code depends}).
 */
@Service
@Command(scope = "gnt.debug", name = "submit-job",
        description = "Submits jobs built from json files containing a list of serialized opcodes")
public class SubmitJobCommand extends JobAction {
    @Reference
    JobQueue queue;

    @Option(name = "--verbose", aliases = "-v", description = "Increase the verbosity of the operation")
    boolean verbose;
    @Option(name = "--op-repeat", description = "Repeat the opcode sequence this number of times")
    int opRepeat = 1;
    @Option(name = "--job-repeat", description = "Repeat the job this number of times")
    int jobRepeat = 1;
    @Option(name = "--timing-stats", description = "Show timing stats")
    boolean timingStats;
    @Option(name = "--each", description = "Submit each job separately")
    boolean each;

    @Argument(name = "op-list-file", required = true, multiValued = true, description = "JSON opcode lists")
    List<String> files;

    @Override
    protected String tool() {
        return "gnt-debug";
    }

    @Override
    protected String command() {
        return "submit-job";
    }

    @Override
    public Object execute() throws IOException {
        if (timingStats) {
            System.out.println("Loading...");
        }
        List<List<OpCode>> jobs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int ops = 0;
        for (int j = 0; j < jobRepeat; j++) {
            for (String file : files) {
                List<OpCode> list = prepare(OpCodeJson.readList(Path.of(file), queue));
                List<OpCode> repeated = new ArrayList<>();
                for (int r = 0; r < opRepeat; r++) {
                    repeated.addAll(list);
                }
                jobs.add(repeated);
                names.add("file " + file + "/" + j);
                ops += repeated.size();
            }
        }
        long t1 = System.nanoTime();
        if (timingStats) {
            System.out.println("Submitting...");
        }
        List<Long> ids = new ArrayList<>();
        if (each) {
            for (List<OpCode> job : jobs) {
                ids.add(queue.submit(job));
            }
        } else {
            ids.addAll(queue.submitMany(jobs));
        }
        long t2 = System.nanoTime();
        if (submitOnly) {
            ids.forEach(id -> System.out.println("JobID: " + id));
            return null;
        }
        if (timingStats) {
            System.out.println("Executing...");
        }
        if (verbose) {
            System.out.println("Submitted jobs " + String.join(", ", ids.stream().map(String::valueOf).toList()));
        }
        for (int i = 0; i < ids.size(); i++) {
            if (verbose) {
                System.out.println("Waiting for job " + ids.get(i) + " for " + names.get(i) + " ...");
            }
            try {
                follow(queue, ids.get(i));
            } catch (GanetiException e) {
                Streams.err().println("Job " + ids.get(i) + " for " + names.get(i) + " has failed: "
                        + Errors.format(e).message());
            }
        }
        long t3 = System.nanoTime();
        if (timingStats) {
            System.out.printf("C:op     %4d%n", ops);
            System.out.printf("C:job    %4d%n", jobs.size());
            System.out.printf("T:submit %4.4f%n", (t2 - t1) / 1e9);
            System.out.printf("T:exec   %4.4f%n", (t3 - t2) / 1e9);
            System.out.printf("T:total  %4.4f%n", (t3 - t1) / 1e9);
        }
        return null;
    }
}
