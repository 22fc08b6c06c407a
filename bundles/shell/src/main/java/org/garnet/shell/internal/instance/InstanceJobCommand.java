package org.garnet.shell.internal.instance;

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
        for (String name : names) {
            Map<String, Object> p = new java.util.LinkedHashMap<>(params());
            p.put("instance_name", name);
            runJob(queue, List.of(OpCode.of(opId(), p)));
        }
        return null;
    }

    /** Asks before destructive work; true to go on. */
    protected boolean confirm() throws Exception {
        return true;
    }
}
