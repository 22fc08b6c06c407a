package org.garnet.core.internal.lu.instance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Disk;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Nic;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;
import org.garnet.api.locks.LockLevel;
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_INSTANCE_QUERY_DATA} (RAPI {@code GET /2/instances/I/info}): per instance Ganeti's detail dictionary
 * (configured and running state, nodes and groups, OS, disks, NICs, own and effective hypervisor/backend/OS
 * parameters); {@code static} skips asking the hypervisor.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + InstanceQueryDataOp.OP)
public class InstanceQueryDataOp implements OpDefinition {
    static final String OP = "OP_INSTANCE_QUERY_DATA";

    @Reference
    ConfigStore store;
    @Reference
    NodeRpc nodes;

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(OpParam.optional("instances", ParamType.STRING_LIST, List.of(), "Instance names"),
                OpParam.optional("static", ParamType.BOOL, false, "Whether to only return configuration data"),
                OpParam.optional("use_locking", ParamType.BOOL, false, "Whether to use synchronization"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public LogicalUnit create(OpCode op, LuContext ctx) {
        List<String> names = (List<String>) op.params().get("instances");
        boolean stat = Boolean.TRUE.equals(op.params().get("static"));
        return new LogicalUnit() {
            @Override
            public void declareLocks(LockPlan plan) {
                if (Boolean.TRUE.equals(op.params().get("use_locking"))) {
                    plan.need(LockLevel.INSTANCE, names.isEmpty() ? LockPlan.ALL : Set.copyOf(names), true);
                }
            }

            @Override
            public void checkPrereq() {
                for (String n : names) {
                    Instances.require(store, n);
                }
            }

            @Override
            public Object exec() {
                Cluster c = Instances.cluster(store);
                Map<String, Object> out = new TreeMap<>();
                List<Instance> insts = names.isEmpty() ? store.list(Instance.class)
                        : names.stream().map(n -> Instances.require(store, n)).toList();
                for (Instance i : insts) {
                    out.put(i.name(), details(c, i));
                }
                return out;
            }

            private Map<String, Object> details(Cluster c, Instance i) {
                Node p = store.get(Node.class, i.primaryNode()).orElse(null);
                NodeGroup g = p == null ? null : store.get(NodeGroup.class, p.group()).orElse(null);
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("name", i.name());
                d.put("config_state", i.adminState());
                String run = null;
                if (!stat) {
                    try {
                        run = p == null || p.offline() ? null
                                : Instances.running(nodes.at(p), i) ? "up" : "down";
                    } catch (org.garnet.api.GanetiException e) {
                        run = null; // the node did not answer: no live state, as Ganeti
                    }
                }
                d.put("run_state", run);
                d.put("pnode", p == null ? i.primaryNode() : p.name());
                d.put("pnode_group_uuid", g == null ? null : g.uuid());
                d.put("pnode_group_name", g == null ? null : g.name());
                d.put("snodes", List.of());
                d.put("snodes_group_uuids", List.of());
                d.put("snodes_group_names", List.of());
                d.put("os", i.os());
                d.put("network_port", i.networkPort());
                List<Object> disks = new ArrayList<>();
                for (int n = 0; n < i.disks().size(); n++) {
                    Disk x = i.disks().get(n);
                    Map<String, Object> dd = new LinkedHashMap<>();
                    dd.put("iv_name", "disk/" + n);
                    dd.put("dev_type", x.devType());
                    dd.put("logical_id", x.logicalId());
                    dd.put("size", x.size());
                    dd.put("mode", x.mode());
                    dd.put("name", x.name());
                    dd.put("uuid", x.uuid());
                    dd.put("spindles", x.spindles());
                    dd.put("children", List.of());
                    disks.add(dd);
                }
                d.put("disks", disks);
                d.put("disk_template", i.diskTemplate());
                d.put("disks_active", i.disksActive());
                List<Object> nics = new ArrayList<>();
                for (Nic n : i.nics()) {
                    // Ganeti fills the NIC parameters from the cluster's (an unset VLAN is the default, "")
                    nics.add(java.util.Arrays.asList(n.name(), n.uuid(), n.ip(), n.mac(), n.mode(), n.link(),
                            n.vlan() != null ? n.vlan() : c.nicparams().getOrDefault("vlan", ""), n.network(), null));
                }
                d.put("nics", nics);
                d.put("hypervisor", i.hypervisor());
                d.put("hv_instance", i.hvparams());
                d.put("hv_actual", Instances.shownHv(c, i.hypervisor(), i.hvparams()));
                d.put("be_instance", i.beparams());
                d.put("be_actual", Instances.filledBe(c, i.beparams()));
                d.put("os_instance", i.osparams());
                d.put("os_actual", i.osparams());
                d.put("serial_no", i.serialNo());
                d.put("mtime", i.mtime());
                d.put("ctime", i.ctime());
                d.put("uuid", i.uuid());
                return d;
            }
        };
    }
}
