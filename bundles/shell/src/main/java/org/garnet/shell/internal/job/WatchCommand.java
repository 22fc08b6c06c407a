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
import org.garnet.shell.internal.jobs.JobAction;

/** {@code gnt-job watch JOB-ID}: {@code Output from job N follows}, as many dashes, then the log as it comes. */
@Service
@Command(scope = "gnt.job", name = "watch", description = "Follows a job and prints its output as it arrives")
public class WatchCommand implements Action {
    @Reference
    JobQueue queue;

    @Argument(name = "job-id", required = true, description = "Job to watch")
    String id;

    @Override
    public Object execute() {
        long jobId = JobIds.parse(id);
        String msg = "Output from job " + jobId + " follows";
        System.out.println(msg);
        System.out.println("-".repeat(msg.length()));
        return WaitCommand.follow(queue, jobId);
    }
}
