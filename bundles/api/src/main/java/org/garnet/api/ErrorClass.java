package org.garnet.api;

/** The Ganeti error classes a user can see (their names appear in job results as {@code [class, [msg, code]]}). */
public enum ErrorClass {
    /** Prerequisites not met: bad input, wrong state, unknown or existing entity. */
    OpPrereqError,
    /** The operation started and failed while executing. */
    OpExecError,
    /** A hypervisor could not do what was asked. */
    HypervisorError,
    /** A block device (disk) operation failed. */
    BlockDeviceError,
    /** A host name could not be resolved. */
    ResolverError,
    /** A parameter name or value is wrong. */
    ParameterError,
    /** A tag is invalid. */
    TagError,
    /** The stored configuration is inconsistent. */
    ConfigurationError,
    /** The job queue refuses new jobs (drained). */
    JobQueueDrainError,
    /** The job queue is full. */
    JobQueueFull,
    /** A job id is unknown (never submitted, or lost). */
    JobLost,
    /** A lock could not be acquired as requested (wrong order, timeout). */
    LockError,
    /** The job was canceled while this opcode ran; a unit throws it to stop early on a cancel request. */
    JobCanceled,
    /** Any other error. */
    GenericError,
    /** A parameter value of the wrong type or format, found by the client ({@code -B memory=lots}). */
    TypeEnforcementError
}
