package org.garnet.shell.internal.instance;

import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.query.QueryService;

import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.OpCode;
import org.garnet.shell.internal.jobs.JobAction;

/** A gnt-instance verb that runs one opcode per named instance, one job each, in order. */
abstract class InstanceJobCommand extends JobAction {
    @Reference
    JobQueue queue;
    @Reference
    QueryService query;

    @Argument(name = "instance", required = true, multiValued = true, description = "Instance name(s)")
    List<String> names;

    /** The opcode's own parameters (without {@code instance_name}). */
    protected abstract Map<String, Object> params();

    protected abstract String opId();

    @Override
    protected String tool() {
        return "gnt-instance";
    }

    @Override
    public Object execute() throws Exception {
        if (!confirm()) {
            return 1;
        }
        if (manyOps()) {
            // Ganeti expands the names with a query first: nothing is submitted for unknown instances
            List<Object> known = query.query("instance", List.of("name"), List.of()).rows().stream()
                    .map(r -> r.get(0).value()).toList();
            if (!known.containsAll(names)) {
                throw GanetiException.prereq("Selection filter does not match any instances", ErrorCode.ECODE_INVAL);
            }
            List<Long> ids = new java.util.ArrayList<>();
            for (String name : names) {
                ids.add(queue.submit(prepare(List.of(opcode(name)))));
            }
            for (int i = 0; i < ids.size(); i++) {
                if (submitOnly) {
                    System.out.println(ids.get(i) + ": " + names.get(i));
                } else {
                    System.out.println("Waiting for job " + ids.get(i) + " for " + names.get(i) + " ...");
                    follow(queue, ids.get(i));
                }
            }
            return null;
        }
        for (String name : names) {
            runJob(queue, List.of(opcode(name)));
        }
        return null;
    }

    private OpCode opcode(String name) {
        Map<String, Object> p = new java.util.LinkedHashMap<>(params());
        p.put("instance_name", name);
        return OpCode.of(opId(), p);
    }

    /**
     * Whether this verb is one of Ganeti's mass operations (startup, shutdown, reboot): every job is submitted
     * first, then {@code N: NAME} is printed per job with {@code --submit}, else {@code Waiting for job N for
     * NAME ...} before following it.
     */
    protected boolean manyOps() {
        return false;
    }

    /** Asks before destructive work; true to go on. */
    protected boolean confirm() throws Exception {
        return true;
    }
}
