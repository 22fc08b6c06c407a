package org.garnet.htools.hail;

import java.util.ArrayList;
import java.util.List;

import org.garnet.htools.model.DiskTemplate;
import org.garnet.htools.model.Fmt;
import org.garnet.htools.model.IPolicy;
import org.garnet.htools.model.ISpec;
import org.garnet.htools.model.Instance;
import org.garnet.htools.model.MinMaxISpecs;
import org.garnet.htools.model.Node;

/**
 * Why a node cannot take an instance, constraint by constraint and with the margins: the checks of Ganeti's
 * Node.addPriEx / addSec and of the instance policy, spelled out for {@code --explain}.
 */
final class NodeCheck {
    private NodeCheck() {
    }

    /** Instance policy violations of {@code inst} under {@code pol} (empty: compliant). */
    static List<String> policy(Instance inst, IPolicy pol, boolean exclStor) {
        List<String> r = new ArrayList<>();
        if (!pol.diskTemplates().contains(inst.diskTemplate)) {
            List<String> allowed = new ArrayList<>();
            pol.diskTemplates().forEach(t -> allowed.add(t.raw));
            r.add("ipolicy: disk template " + inst.diskTemplate.raw + " not allowed (allowed: "
                    + String.join(",", allowed) + ")");
        }
        List<String> best = null;
        for (MinMaxISpecs mm : pol.minMax()) {
            List<String> v = new ArrayList<>();
            bounds(v, inst, mm.min(), mm.max(), exclStor);
            if (v.isEmpty()) {
                return r;
            }
            if (best == null) {
                best = v;
            }
        }
        if (best != null) {
            if (pol.minMax().size() > 1) {
                r.add("ipolicy: fits none of the " + pol.minMax().size() + " min/max specs (first: "
                        + String.join(", ", best) + ")");
            } else {
                best.forEach(s -> r.add("ipolicy: " + s));
            }
        }
        return r;
    }

    private static void range(List<String> out, String what, int v, int min, int max, String unit) {
        if (v < min) {
            out.add(what + " " + v + unit + " below the minimum " + min + unit);
        } else if (v > max) {
            out.add(what + " " + v + unit + " above the maximum " + max + unit);
        }
    }

    private static void bounds(List<String> out, Instance inst, ISpec min, ISpec max, boolean exclStor) {
        range(out, "memory", inst.mem, min.memorySize(), max.memorySize(), " MB");
        for (int k = 0; k < inst.diskSizes.length; k++) {
            range(out, "disk/" + k + " size", inst.diskSizes[k], min.diskSize(), max.diskSize(), " MB");
        }
        range(out, "vcpus", inst.vcpus, min.cpuCount(), max.cpuCount(), "");
        if (exclStor) {
            Integer sp = inst.totalSpindles();
            if (sp == null) {
                out.add("spindles unknown (exclusive storage needs them)");
            } else {
                range(out, "spindles", sp, min.spindleUse(), max.spindleUse(), "");
            }
        } else {
            range(out, "spindle use", inst.spindleUse, min.spindleUse(), max.spindleUse(), "");
        }
        if (inst.diskTemplate != DiskTemplate.DISKLESS) {
            range(out, "disk count", inst.diskSizes.length, min.diskCount(), max.diskCount(), "");
        }
    }

    private static String shortBy(int missing) {
        return missing > 0 ? " (short by " + missing + " MB)" : " (would leave nothing free)";
    }

    private static int spindles(Instance inst) {
        Integer s = inst.totalSpindles();
        return s == null ? -1 : s;
    }

    /** Resource violations of placing {@code inst} as primary on {@code n} (force: soft checks skipped). */
    static List<String> primary(Node n, Instance inst, boolean force) {
        List<String> r = new ArrayList<>();
        boolean strict = !force;
        boolean disk = inst.usesLocalStorage();
        int free = n.unallocatedMem();
        int newFree = free - (inst.usesMemory() ? inst.mem : 0);
        if (newFree <= 0) {
            r.add("memory: needs " + inst.mem + " MB, " + free + " MB free" + shortBy(-newFree));
        } else if (strict && newFree <= n.rMem && !n.failN1) {
            r.add("memory (N+1): would leave " + newFree + " MB free, not more than the " + n.rMem
                    + " MB reserved to fail over its DRBD peers (short by " + (n.rMem - newFree + 1) + " MB)");
        }
        if (disk) {
            int newDsk = n.fDsk - inst.dsk;
            if (newDsk <= 0) {
                r.add("disk: needs " + inst.dsk + " MB, " + n.fDsk + " MB free" + shortBy(-newDsk));
            } else if (strict && newDsk < n.loDsk) {
                r.add("disk: would leave " + newDsk + " MB free, below the reserved minimum " + n.loDsk + " MB");
            }
            if (n.exclStorage) {
                int sp = spindles(inst);
                if (sp < 0) {
                    r.add("spindles: the instance's disks have no spindle count (exclusive storage)");
                } else if (n.fSpindles - sp < 0) {
                    r.add("spindles: needs " + sp + ", " + n.fSpindles + " free");
                }
            } else if (strict && n.instSpindles + inst.spindleUse > n.hiSpindles) {
                r.add("spindle ratio: would use " + Fmt.showDouble(n.instSpindles + inst.spindleUse)
                        + " spindles, limit " + Fmt.showDouble(n.hiSpindles));
            }
        }
        double ratio = n.iPolicy.vcpuRatio();
        int newU = inst.notOffline() ? n.uCpu + inst.vcpus : n.uCpu;
        if (strict && ratio >= 0 && ratio < newU / n.tCpu) {
            r.add("vcpu ratio: " + newU + " vcpus on " + Fmt.showDouble(n.tCpu) + " cpus = "
                    + Fmt.fixed(newU / n.tCpu, 2) + ", above the maximum " + Fmt.showDouble(ratio));
        }
        if (strict) {
            for (String t : inst.exclTags) {
                if (n.pTags.containsKey(t)) {
                    r.add("exclusion tags: already hosts a primary instance tagged " + t);
                }
            }
        }
        return r;
    }

    /** Resource violations of placing {@code inst} as DRBD secondary on {@code n} for primary {@code pdx}. */
    static List<String> secondary(Node n, Instance inst, int pdx) {
        List<String> r = new ArrayList<>();
        int newDsk = n.fDsk - inst.dsk;
        if (newDsk <= 0) {
            r.add("disk: needs " + inst.dsk + " MB, " + n.fDsk + " MB free" + shortBy(-newDsk));
        } else if (newDsk < n.loDsk) {
            r.add("disk: would leave " + newDsk + " MB free, below the reserved minimum " + n.loDsk + " MB");
        }
        if (n.exclStorage) {
            int sp = spindles(inst);
            if (sp < 0) {
                r.add("spindles: the instance's disks have no spindle count (exclusive storage)");
            } else if (n.fSpindles - sp < 0) {
                r.add("spindles: needs " + sp + ", " + n.fSpindles + " free");
            }
        } else if (n.instSpindles + inst.spindleUse > n.hiSpindles) {
            r.add("spindle ratio: would use " + Fmt.showDouble(n.instSpindles + inst.spindleUse)
                    + " spindles, limit " + Fmt.showDouble(n.hiSpindles));
        }
        int secNeeded = inst.usesSecMem() ? inst.mem : 0;
        int free = n.unallocatedMem();
        int newRmem = Math.max(n.rMem, n.peers.find(pdx) + secNeeded);
        if (secNeeded >= free) {
            r.add("memory (secondary): must keep " + secNeeded + " MB for a failover, " + free + " MB free");
        } else if (free <= newRmem && !n.failN1) {
            r.add("memory (N+1): failover reserve would become " + newRmem + " MB, not less than the " + free
                    + " MB free");
        }
        return r;
    }
}
