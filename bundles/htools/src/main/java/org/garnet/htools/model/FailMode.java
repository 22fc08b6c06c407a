package org.garnet.htools.model;

/** Why a placement failed (Ganeti's FailMode, same order). */
public enum FailMode {
    FailMem, FailDisk, FailCPU, FailN1, FailTags, FailMig, FailDiskCount, FailSpindles, FailInternal
}
