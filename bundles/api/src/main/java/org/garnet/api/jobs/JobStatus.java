package org.garnet.api.jobs;

import java.util.List;

/** Status of a job, derived from its opcodes' statuses as Ganeti does ({@code calcJobStatus}). */
public enum JobStatus {
    queued, waiting, canceling, running, canceled, success, error;

    public boolean isFinalized() {
        return this == canceled || this == success || this == error;
    }

    /**
     * Ganeti's rule: scanning in order, {@code error}, {@code canceling} or {@code canceled} decide at once;
     * {@code success} and {@code queued} are soft; {@code waiting}/{@code running} become the candidate; all
     * {@code success} gives {@code success}; otherwise the candidate (initially {@code queued}).
     */
    public static JobStatus of(List<OpStatus> ops) {
        JobStatus candidate = queued;
        boolean allSuccess = !ops.isEmpty();
        for (OpStatus op : ops) {
            switch (op) {
                case error:
                    return error;
                case canceling:
                    return canceling;
                case canceled:
                    return canceled;
                case success:
                    break;
                case queued:
                    allSuccess = false;
                    break;
                default:
                    allSuccess = false;
                    candidate = JobStatus.valueOf(op.name());
            }
        }
        return allSuccess ? success : candidate;
    }
}
