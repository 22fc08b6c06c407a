package org.garnet.shell.internal.job;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.jobs.CancelResult;

/** {@code gnt-job cancel {--pending | --queued | --waiting | JOB-ID...}}: Ganeti prints each answer's message. */
@Service
@Command(scope = "gnt.job", name = "cancel", description = "Cancel jobs")
public class CancelCommand extends MultiJobCommand {
    @Override
    protected String actionName() {
        return "Cancel";
    }

    @Override
    protected CancelResult act(long id) {
        return queue.cancel(id);
    }
}
