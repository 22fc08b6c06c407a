package org.garnet.shell.internal.group;

import java.util.Map;
import org.apache.karaf.shell.api.action.Option;
import org.garnet.shell.internal.format.IPolicyOptions;
import org.garnet.shell.internal.format.KeyValues;
import org.garnet.shell.internal.jobs.JobAction;

/** The options {@code gnt-group add} and {@code modify} share (Ganeti's names). */
abstract class GroupOptions extends JobAction {
    @Option(name = "--alloc-policy", description = "Allocation policy for the node group (preferred, last_resort, "
            + "unallocable)")
    String allocPolicy;
    @Option(name = "--node-parameters", description = "Node parameters")
    String ndparams;
    @Option(name = "--disk-parameters", aliases = "-D", multiValued = true, description = "Disk template parameters, "
            + "in the format template:option=value,option=value,...")
    java.util.List<String> diskparams;
    @Option(name = "--ipolicy-bounds-specs", description = "Instance policy bounds: min:SPECS/max:SPECS[//...]")
    String ipolicyBounds;
    @Option(name = "--ipolicy-std-specs", description = "Instance policy standard specs")
    String ipolicyStd;
    @Option(name = "--ipolicy-disk-templates", description = "Comma-separated list of allowed disk templates")
    String ipolicyTemplates;
    @Option(name = "--ipolicy-vcpu-ratio", description = "The maximum allowed vcpu-to-cpu ratio")
    String ipolicyVcpuRatio;
    @Option(name = "--ipolicy-spindle-ratio", description = "The maximum allowed instances to spindle ratio")
    String ipolicySpindleRatio;

    @Override
    protected String tool() {
        return "gnt-group";
    }

    void putSettable(Map<String, Object> p) {
        if (allocPolicy != null) {
            p.put("alloc_policy", allocPolicy);
        }
        if (ndparams != null) {
            p.put("ndparams", KeyValues.parse(ndparams));
        }
        if (diskparams != null) {
            p.put("diskparams", KeyValues.grouped(diskparams, "-D"));
        }
        Map<String, Object> ip = IPolicyOptions.build(ipolicyBounds, ipolicyStd, ipolicyTemplates, ipolicyVcpuRatio,
                ipolicySpindleRatio);
        if (ip != null) {
            p.put("ipolicy", ip);
        }
    }
}
