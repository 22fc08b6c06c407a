package org.garnet.htools.algo;

import org.garnet.htools.model.FailMode;
import org.garnet.htools.model.IPolicy;
import org.garnet.htools.model.ISpec;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.MinMaxISpecs;

/** Instance policy compliance (Ganeti's instMatchesPolicy). */
public final class Policy {
    private Policy() {
    }

    /** null when the instance complies, else the failure. */
    public static FailMode instMatchesPolicy(Instance inst, IPolicy pol, boolean exclStor) {
        if (!pol.minMax().isEmpty()) {
            FailMode r = FailMode.FailInternal;
            for (int k = pol.minMax().size() - 1; k >= 0; k--) {
                if (r == null) {
                    break;
                }
                MinMaxISpecs mm = pol.minMax().get(k);
                r = compare(-1, inst, mm.min(), exclStor);
                if (r == null) {
                    r = compare(1, inst, mm.max(), exclStor);
                }
            }
            if (r != null) {
                return r;
            }
        }
        return pol.diskTemplates().contains(inst.diskTemplate) ? null : FailMode.FailDisk;
    }

    private static int cmp(int a, int b) {
        return Integer.compare(a, b);
    }

    /** which = 1: fail when a value is above the spec; -1: when below. */
    private static FailMode compare(int which, Instance inst, ISpec spec, boolean exclStor) {
        if (cmp(inst.mem, spec.memorySize()) == which) {
            return FailMode.FailMem;
        }
        for (int d : inst.diskSizes) {
            if (cmp(d, spec.diskSize()) == which) {
                return FailMode.FailDisk;
            }
        }
        if (cmp(inst.vcpus, spec.cpuCount()) == which) {
            return FailMode.FailCPU;
        }
        if (exclStor) {
            Integer sp = inst.totalSpindles();
            if (sp == null || cmp(sp, spec.spindleUse()) == which) {
                return FailMode.FailSpindles;
            }
        } else if (cmp(inst.spindleUse, spec.spindleUse()) == which) {
            return FailMode.FailSpindles;
        }
        if (inst.diskTemplate != org.garnet.htools.model.DiskTemplate.DISKLESS
                && cmp(inst.diskSizes.length, spec.diskCount()) == which) {
            return FailMode.FailDiskCount;
        }
        return null;
    }
}
