package org.garnet.shell.internal.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.jobs.CancelResult;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.JobQueue;
import org.garnet.api.jobs.JobStatus;
import org.garnet.shell.internal.format.Streams;

/** {@code gnt-job archive JOB-ID...}: archives finished jobs; a job that cannot be archived is reported. */
@Service
@Command(scope = "gnt.job", name = "archive", description = "Archive specified jobs")
public class ArchiveCommand implements Action {
    @Reference
    JobQueue queue;

    @Argument(name = "job-id", required = true, multiValued = true, description = "Jobs to archive")
    List<String> ids;

    @Override
    public Object execute() {
        int failed = 0;
        for (long id : JobIds.parse(ids)) {
            if (queue.archive(List.of(id)) == 0) {
                Streams.err().println("Failed to archive job " + id);
                failed++;
            }
        }
        return failed == 0 ? null : 1;
    }
}
