package org.garnet.shell.internal.job;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.jobs.CancelResult;
import org.garnet.shell.internal.jobs.Priorities;

/** {@code gnt-job change-priority --priority low|normal|high {--pending | --queued | --waiting | JOB-ID...}}. */
@Service
@Command(scope = "gnt.job", name = "change-priority", description = "Change the priority of jobs")
public class ChangePriorityCommand extends MultiJobCommand {
    @Option(name = "--priority", required = true, description = "Priority for opcode processing (low|normal|high)")
    String priority;

    @Override
    protected String actionName() {
        return "Change priority of";
    }

    @Override
    protected CancelResult act(long id) {
        return queue.changePriority(id, Priorities.parse(priority));
    }
}
