package org.garnet.core.internal.lu.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.locks.LockLevel;
import org.garnet.api.lu.LockPlan;
import org.garnet.api.lu.LogicalUnit;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_NODE_SET_PARAMS} (RAPI {@code POST /2/nodes/N/modify}, {@code PUT /2/nodes/N/role}): node flags and
 * parameters with Ganeti's checks — the master's role flags change only through master failover, a node with
 * instances keeps {@code vm_capable}, a candidate must be master capable; a drained, offline or no longer master
 * capable node stops being a candidate, which needs {@code auto_promote} when the pool would fall short; a node
 * coming back (undrained, online) is promoted while the pool is short. Roles change the admitted certificates and
 * every node's facts. Result: {@code [[param, value], ...]}.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + NodeSetParamsOp.OP)
public class NodeSetParamsOp implements OpDefinition {
    static final String OP = "OP_NODE_SET_PARAMS";

    private final ConfigStore store;
    private final NodeRoles roles;

    @Activate
    public NodeSetParamsOp(@Reference ConfigStore store, @Reference NodeRoles roles) {
        this.store = store;
        this.roles = roles;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(OpParam.required("node_name", ParamType.STRING, "Node name"),
                OpParam.optional("node_uuid", ParamType.STRING, null, "Node UUID"),
                OpParam.optional("force", ParamType.BOOL, false, "Whether to force the operation"),
                OpParam.optional("hv_state", ParamType.DICT, null, "Set hypervisor states"),
                OpParam.optional("disk_state", ParamType.DICT, null, "Set disk states"),
                OpParam.optional("master_candidate", ParamType.BOOL, null, "Whether the node should become a master "
                        + "candidate"),
                OpParam.optional("offline", ParamType.BOOL, null, "Whether to mark the node offline"),
                OpParam.optional("drained", ParamType.BOOL, null, "Whether to mark the node as drained"),
                OpParam.optional("auto_promote", ParamType.BOOL, false, "Whether to promote master candidates"),
                OpParam.optional("master_capable", ParamType.BOOL, null, "Whether the node can become master"),
                OpParam.optional("vm_capable", ParamType.BOOL, null, "Whether the node can host instances"),
                OpParam.optional("secondary_ip", ParamType.STRING, null, "Secondary IP address"),
                OpParam.optional("ndparams", ParamType.DICT, null, "Node parameters"),
                OpParam.optional("powered", ParamType.BOOL, null, "Whether the node is powered"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public LogicalUnit create(OpCode op, LuContext ctx) {
        Map<String, Object> p = op.params();
        String name = (String) p.get("node_name");
        return new LogicalUnit() {
            private Node node;
            private boolean demote;
            private boolean promote;

            @Override
            public void checkArguments() {
                if (java.util.stream.Stream.of("master_candidate", "drained", "offline")
                        .filter(k -> Boolean.TRUE.equals(p.get(k))).count() > 1) {
                    throw GanetiException.prereq("Can't set the node into more than one state at the same time",
                            ErrorCode.ECODE_INVAL);
                }
                if (List.of("master_candidate", "offline", "drained", "master_capable", "vm_capable", "secondary_ip",
                        "ndparams", "powered", "hv_state", "disk_state").stream().allMatch(k -> p.get(k) == null)) {
                    throw GanetiException.prereq("Please pass at least one modification", ErrorCode.ECODE_INVAL);
                }
            }

            @Override
            public void declareLocks(LockPlan plan) {
                node = store.byName(Node.class, name).orElseThrow(() -> GanetiException.prereq(
                        "Node '" + name + "' not known", ErrorCode.ECODE_NOENT));
                plan.need(LockLevel.NODE, Boolean.TRUE.equals(p.get("auto_promote")) ? LockPlan.ALL
                        : Set.of(node.uuid()), false);
            }

            @Override
            public void checkPrereq() {
                Cluster c = store.cluster().orElseThrow();
                if ((p.get("master_candidate") != null || p.get("drained") != null || p.get("offline") != null)
                        && node.uuid().equals(c.masterNode())) {
                    throw GanetiException.prereq("The master role can be changed only via master-failover",
                            ErrorCode.ECODE_INVAL);
                }
                if (Boolean.TRUE.equals(p.get("master_candidate")) && !node.masterCapable()) {
                    throw GanetiException.prereq("Node " + node.name() + " is not master capable, cannot make it a "
                            + "master candidate", ErrorCode.ECODE_STATE);
                }
                if (Boolean.FALSE.equals(p.get("vm_capable")) && store.list(Instance.class).stream().anyMatch(i ->
                        i.primaryNode().equals(node.uuid()) || i.secondaryNodes().contains(node.uuid()))) {
                    throw GanetiException.prereq("Node " + node.name() + " hosts instances, cannot unset the "
                            + "vm_capable flag", ErrorCode.ECODE_STATE);
                }
                if (Boolean.FALSE.equals(p.get("master_capable")) && node.uuid().equals(c.masterNode())) {
                    throw GanetiException.prereq("Master must remain master capable", ErrorCode.ECODE_STATE);
                }
                demote = node.masterCandidate() && (Boolean.TRUE.equals(p.get("drained"))
                        || Boolean.TRUE.equals(p.get("offline")) || Boolean.FALSE.equals(p.get("master_candidate"))
                        || Boolean.FALSE.equals(p.get("master_capable")));
                if (demote && !Boolean.TRUE.equals(p.get("auto_promote"))) {
                    CandidatePool.Stats st = CandidatePool.stats(store, List.of(node.uuid()));
                    if (st.now() < st.should()) {
                        throw GanetiException.prereq("Not enough master candidates, please pass auto promote option "
                                + "to allow promotion (--auto-promote or RAPI auto_promote=True)",
                                ErrorCode.ECODE_STATE);
                    }
                }
                boolean back = (Boolean.FALSE.equals(p.get("drained")) && node.drained())
                        || (Boolean.FALSE.equals(p.get("offline")) && node.offline())
                        || (Boolean.TRUE.equals(p.get("master_capable")) && !node.masterCapable());
                promote = !demote && !node.masterCandidate() && back && p.get("master_candidate") == null
                        && CandidatePool.selfPromotion(store, List.of(node.uuid()));
                if (p.get("secondary_ip") != null) {
                    throw GanetiException.prereq("Changing the secondary IP is not supported yet",
                            ErrorCode.ECODE_INVAL);
                }
            }

            @Override
            public Object exec() {
                List<Object> changes = new ArrayList<>();
                store.update(Node.class, node.uuid(), n -> {
                    boolean mcap = flag("master_capable", n.masterCapable(), changes);
                    boolean vm = flag("vm_capable", n.vmCapable(), changes);
                    boolean[] role = role(n);
                    String[] names = {"master_candidate", "drained", "offline"};
                    boolean[] old = {n.masterCandidate(), n.drained(), n.offline()};
                    for (int i = 0; i < 3; i++) {
                        if (old[i] != role[i]) {
                            changes.add(List.of(names[i], role[i] ? "True" : "False"));
                        }
                    }
                    boolean mc = role[0];
                    boolean dr = role[1];
                    boolean off = role[2];
                    Boolean powered = p.get("powered") != null ? (Boolean) p.get("powered") : n.powered();
                    Map<String, Object> nd = new LinkedHashMap<>(n.ndparams());
                    if (p.get("ndparams") != null) {
                        nd.putAll((Map<String, Object>) p.get("ndparams"));
                        changes.add(List.of("ndparams", nd.toString()));
                    }
                    return new Node(n.uuid(), n.name(), n.serialNo(), n.ctime(), n.mtime(), n.primaryIp(),
                            n.secondaryIp(), n.group(), mc, dr, off, mcap, vm, powered, nd, n.tags());
                });
                if (demote && Boolean.TRUE.equals(p.get("auto_promote"))) {
                    for (Node n : CandidatePool.fill(store, List.of(node.uuid()))) {
                        ctx.feedback("Promoted nodes to master candidate role: " + n.name());
                    }
                }
                roles.changed(ctx);
                return changes;
            }

            /**
             * Ganeti's node roles (candidate, drained, offline, regular: one at a time): the flags
             * (master_candidate, drained, offline) of the role the node takes. A flag set to true chooses its
             * role; one set to false (that was set) leaves it for a regular node, or a candidate when the node
             * promotes itself; a demotion leaves the candidates; otherwise the role stays.
             */
            private boolean[] role(Node n) {
                Boolean mc = Boolean.FALSE.equals(p.get("master_candidate")) && !n.masterCandidate() ? null
                        : (Boolean) p.get("master_candidate");
                Boolean dr = Boolean.FALSE.equals(p.get("drained")) && !n.drained() ? null : (Boolean) p.get("drained");
                Boolean off = Boolean.FALSE.equals(p.get("offline")) && !n.offline() ? null : (Boolean) p.get("offline");
                if (Boolean.TRUE.equals(mc) || promote) {
                    return new boolean[] {true, false, false};
                } else if (Boolean.TRUE.equals(dr)) {
                    return new boolean[] {false, true, false};
                } else if (Boolean.TRUE.equals(off)) {
                    return new boolean[] {false, false, true};
                } else if (Boolean.FALSE.equals(mc) || Boolean.FALSE.equals(dr) || Boolean.FALSE.equals(off)
                        || (demote && n.masterCandidate())) {
                    return new boolean[] {false, false, false};
                }
                return new boolean[] {n.masterCandidate(), n.drained(), n.offline()};
            }

            private boolean flag(String key, boolean current, List<Object> changes) {
                Object v = p.get(key);
                if (v == null) {
                    return current;
                }
                changes.add(List.of(key, Boolean.TRUE.equals(v) ? "True" : Boolean.FALSE.equals(v) ? "False"
                        : String.valueOf(v))); // Python's spelling, as Ganeti reports it
                return (Boolean) v;
            }
        };
    }
}
