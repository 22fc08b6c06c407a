package org.garnet.core.internal.lu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.garnet.api.config.ClusterService;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.locks.LockLevel;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_CLUSTER_SET_PARAMS} ({@code gnt-cluster modify}, RAPI {@code PUT /2/modify}): the parameters that
 * exist in Garnet so far; the scheduler picks up {@code max_running_jobs} at once. Locks as Ganeti: every
 * node, instance and group, shared.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + ClusterSetParamsOp.OP)
public class ClusterSetParamsOp implements OpDefinition {
    static final String OP = "OP_CLUSTER_SET_PARAMS";
    private static final List<OpParam> PARAMS = List.of(
            OpParam.optional("force", ParamType.BOOL, false, "Whether to force the operation"),
            OpParam.optional("enabled_hypervisors", ParamType.STRING_LIST, null, "Hypervisors to enable"),
            OpParam.optional("enabled_disk_templates", ParamType.STRING_LIST, null, "Disk templates to enable"),
            OpParam.optional("master_netdev", ParamType.STRING, null, "Master network device"),
            OpParam.optional("master_netmask", ParamType.NON_NEGATIVE_INT, null, "Master IP netmask"),
            OpParam.optional("mac_prefix", ParamType.STRING, null, "MAC prefix of instances"),
            OpParam.optional("candidate_pool_size", ParamType.NON_NEGATIVE_INT, null, "Master candidate pool size"),
            OpParam.optional("max_running_jobs", ParamType.NON_NEGATIVE_INT, null, "Jobs running at once"),
            OpParam.optional("max_tracked_jobs", ParamType.NON_NEGATIVE_INT, null, "Jobs tracked by the scheduler"),
            OpParam.optional("default_iallocator", ParamType.STRING, null, "Default instance allocator"),
            OpParam.optional("file_storage_dir", ParamType.STRING, null, "Directory of file disks"),
            OpParam.optional("shared_file_storage_dir", ParamType.STRING, null, "Directory of shared file disks"),
            OpParam.optional("vg_name", ParamType.STRING, null, "LVM volume group"),
            OpParam.optional("maintain_node_health", ParamType.BOOL, null, "Maintain node health"),
            OpParam.optional("prealloc_wipe_disks", ParamType.BOOL, null, "Wipe disks before allocation"),
            OpParam.optional("hvparams", ParamType.DICT, null, "Hypervisor parameters"),
            OpParam.optional("beparams", ParamType.DICT, null, "Backend parameters"),
            OpParam.optional("nicparams", ParamType.DICT, null, "NIC parameters"),
            OpParam.optional("diskparams", ParamType.DICT, null, "Disk templates' parameters"),
            OpParam.optional("ndparams", ParamType.DICT, null, "Node parameters"),
            OpParam.optional("ipolicy", ParamType.DICT, null, "Cluster-wide instance policy specs"),
            OpParam.optional("default_iallocator_params", ParamType.DICT, null, "Default iallocator parameters"),
            OpParam.optional("extstorage_search_path", ParamType.STRING_LIST, null, "Where every node looks for "
                    + "ExtStorage providers (Garnet's; empty: each node's default)"));

    @Reference
    ClusterService cluster;


    /** The master's drivers, to check hypervisor parameters before they are stored (absent in unit tests). */
    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    volatile org.garnet.core.internal.rpc.NodeRpc nodes;

    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    volatile org.garnet.api.config.ConfigStore store;

    public ClusterSetParamsOp() {
    }

    public ClusterSetParamsOp(ClusterService cluster) {
        this.cluster = cluster;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return PARAMS;
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext context) {
        return new LogicalUnit() {
            private final Map<String, Object> changes = new LinkedHashMap<>();

            @Override
            public void checkArguments() {
                List<String> names = new ArrayList<>();
                op.params().forEach((k, v) -> {
                    if (v != null && !k.equals("force")) {
                        changes.put(k, v);
                        names.add(k);
                    }
                });
            }

            @Override
            public void declareLocks(LockPlan plan) {
                plan.need(LockLevel.INSTANCE, LockPlan.ALL, true);
                plan.need(LockLevel.NODEGROUP, LockPlan.ALL, true);
                plan.need(LockLevel.NODE, LockPlan.ALL, true);
            }

            @Override
            public Object exec() {
                if (changes.isEmpty()) {
                    return null;
                }
                checkHvparams();
                cluster.modify(changes);
                if (changes.containsKey("max_running_jobs")) {
                    context.queueLimitsChanged();
                }
                return null;
            }

            /**
             * Each hypervisor's parameters as they will be (the cluster's, changed), checked by its driver on the
             * master: an unknown or ill-typed parameter is refused here, not when an instance starts.
             */
            @SuppressWarnings("unchecked")
            private void checkHvparams() {
                var n = nodes;
                var st = store;
                if (!(changes.get("hvparams") instanceof Map<?, ?> given) || n == null || st == null) {
                    return;
                }
                var current = st.cluster().orElse(null);
                if (current == null) {
                    return;
                }
                var master = st.get(org.garnet.api.model.Node.class, current.masterNode()).orElse(null);
                if (master == null) {
                    return;
                }
                for (Map.Entry<?, ?> e : given.entrySet()) {
                    String hv = String.valueOf(e.getKey());
                    if (!(e.getValue() instanceof Map<?, ?> params)) {
                        continue;
                    }
                    Map<String, Object> merged = new LinkedHashMap<>(current.hvparams().getOrDefault(hv, Map.of()));
                    ((Map<String, Object>) params).forEach((k, v) -> {
                        if ("default".equals(v)) {
                            merged.remove(k);
                        } else {
                            merged.put(k, v);
                        }
                    });
                    n.at(master).hypervisor(hv).checkParameters(merged);
                }
            }
        };
    }
}
