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
import org.garnet.shell.internal.format.Errors;
import org.garnet.shell.internal.jobs.JobAction;

/** {@code gnt-job wait JOB-ID}: waits silently; on failure {@code Job N failed: MSG} and a non-zero exit. */
@Service
@Command(scope = "gnt.job", name = "wait", description = "Wait for a job to finish")
public class WaitCommand implements Action {
    @Reference
    JobQueue queue;

    @Argument(name = "job-id", required = true, description = "Job to wait for")
    String id;

    @Override
    public Object execute() {
        long jobId = JobIds.parse(id);
        java.time.Duration forever = java.time.Duration.ofSeconds(30);
        Job job;
        JobStatus known = null;
        while (true) {
            var change = queue.awaitChange(jobId, known, Long.MAX_VALUE, forever);
            if (change.isPresent()) {
                job = change.get().job();
                if (job.status().isFinalized()) {
                    break;
                }
                known = job.status();
            }
        }
        try {
            JobAction.results(job);
            return null;
        } catch (GanetiException e) {
            Streams.err().println("Job " + jobId + " failed: " + Errors.format(e).message());
            return 1;
        }
    }

    /** Follows with log lines (watch); same failure report as wait. */
    static Object follow(JobQueue queue, long jobId) {
        try {
            JobAction.follow(queue, jobId);
            return null;
        } catch (GanetiException e) {
            Streams.err().println("Job " + jobId + " failed: " + Errors.format(e).message());
            return 1;
        }
    }
}
