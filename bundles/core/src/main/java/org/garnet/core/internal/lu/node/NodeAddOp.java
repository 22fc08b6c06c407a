package org.garnet.core.internal.lu.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;
import org.garnet.core.internal.CoreConfig;
import org.garnet.core.internal.node.SoftwareVersion;
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_NODE_ADD} ({@code gnt-node add}), after the node was set up (certificates and ssconf, over ssh):
 * Ganeti's checks (name known or not as {@code readd} says, addresses unique, the same homing as the master, the
 * node daemon reachable on the primary and secondary address, the same software version), then the node in the
 * configuration, a master candidate while the pool is short, its certificate digest among the admitted callers
 * when it is one, and the new facts pushed to every node.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + NodeAddOp.OP,
        configurationPid = CoreConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class NodeAddOp implements OpDefinition {
    static final String OP = "OP_NODE_ADD";
    static final int PING_TIMEOUT_MS = 5_000;

    private final ConfigStore store;
    private final NodeRoles roles;
    private final NodeRpc rpc;
    private final int port;

    @Activate
    public NodeAddOp(@Reference ConfigStore store, @Reference NodeRoles roles, CoreConfig config) {
        this.store = store;
        this.roles = roles;
        this.rpc = roles.rpc();
        this.port = config.noded_port();
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(OpParam.required("node_name", ParamType.STRING, "Node name"),
                OpParam.optional("primary_ip", ParamType.STRING, null, "Primary IP address"),
                OpParam.optional("secondary_ip", ParamType.STRING, null, "Secondary IP address"),
                OpParam.optional("readd", ParamType.BOOL, false, "Whether node is re-added to cluster"),
                OpParam.optional("group", ParamType.STRING, null, "Initial node group"),
                OpParam.optional("master_capable", ParamType.BOOL, null, "Whether node can become master or "
                        + "master candidate"),
                OpParam.optional("vm_capable", ParamType.BOOL, null, "Whether node can host instances"),
                OpParam.optional("ndparams", ParamType.DICT, null, "Node parameters"),
                OpParam.optional("hv_state", ParamType.DICT, null, "Set hypervisor states"),
                OpParam.optional("disk_state", ParamType.DICT, null, "Set disk states"),
                OpParam.optional("node_setup", ParamType.BOOL, false, "Whether to perform a SSH setup on the new "
                        + "node"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public LogicalUnit create(OpCode op, LuContext ctx) {
        Map<String, Object> p = op.params();
        String name = (String) p.get("node_name");
        boolean readd = Boolean.TRUE.equals(p.get("readd"));
        return new LogicalUnit() {
            private String pip;
            private String sip;
            private Node existing;
            private Node master;
            private NodeGroup group;
            private boolean candidate;
            private boolean masterCapable;

            @Override
            public void declareLocks(LockPlan plan) {
                plan.need(LockLevel.NODE, LockPlan.ALL, false);
            }

            @Override
            public void checkPrereq() {
                Cluster cluster = store.cluster().orElseThrow();
                master = store.get(Node.class, cluster.masterNode()).orElseThrow();
                pip = p.get("primary_ip") != null ? (String) p.get("primary_ip") : resolve(name);
                sip = p.get("secondary_ip") != null ? (String) p.get("secondary_ip") : pip;
                if (!sip.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                    throw GanetiException.prereq("Secondary IP (" + sip + ") needs to be a valid IPv4 address",
                            ErrorCode.ECODE_INVAL);
                }
                existing = store.byName(Node.class, name).orElse(null);
                if (existing != null && !readd) {
                    throw GanetiException.prereq("Node " + name + " is already in the configuration",
                            ErrorCode.ECODE_EXISTS);
                }
                if (existing == null && readd) {
                    throw GanetiException.prereq("Node " + name + " is not in the configuration",
                            ErrorCode.ECODE_NOENT);
                }
                if (readd && existing.uuid().equals(master.uuid())) {
                    throw GanetiException.prereq("Node " + name + " is the master, cannot readd",
                            ErrorCode.ECODE_INVAL);
                }
                if (readd && (!existing.primaryIp().equals(pip) || !existing.secondaryIp().equals(sip))) {
                    throw GanetiException.prereq("Readded node doesn't have the same IP address configuration as "
                            + "before", ErrorCode.ECODE_INVAL);
                }
                for (Node n : store.list(Node.class)) {
                    if (existing != null && n.uuid().equals(existing.uuid())) {
                        continue;
                    }
                    Set<String> theirs = Set.of(n.primaryIp(), n.secondaryIp());
                    if (theirs.contains(pip) || theirs.contains(sip)) {
                        throw GanetiException.prereq("New node ip address(es) conflict with existing node "
                                + n.name(), ErrorCode.ECODE_NOTUNIQUE);
                    }
                }
                boolean masterSingle = master.primaryIp().equals(master.secondaryIp());
                boolean newSingle = pip.equals(sip);
                if (masterSingle && !newSingle) {
                    throw GanetiException.prereq("The master has no secondary ip but the new node has one",
                            ErrorCode.ECODE_INVAL);
                }
                if (!masterSingle && newSingle) {
                    throw GanetiException.prereq("The master has a secondary ip but the new node doesn't have one",
                            ErrorCode.ECODE_INVAL);
                }
                if (!tcpPing(null, pip)) {
                    throw GanetiException.prereq("Node not reachable by ping", ErrorCode.ECODE_ENVIRON);
                }
                if (!newSingle && !tcpPing(master.secondaryIp(), sip)) {
                    throw GanetiException.prereq("Node secondary ip not reachable by TCP based ping to node daemon "
                            + "port", ErrorCode.ECODE_ENVIRON);
                }
                int version;
                try {
                    version = rpc.anyway(probe()).version();
                } catch (GanetiException e) {
                    throw GanetiException.prereq("Can't get version information from node " + name + ": "
                            + e.getMessage(), ErrorCode.ECODE_ENVIRON);
                }
                if (version != SoftwareVersion.number()) {
                    throw GanetiException.prereq("Version mismatch master version " + SoftwareVersion.number()
                            + ", node version " + version, ErrorCode.ECODE_ENVIRON);
                }
                group = readd ? store.get(NodeGroup.class, existing.group()).orElseThrow()
                        : lookupGroup((String) p.get("group"));
                masterCapable = capable("master_capable", existing == null || existing.masterCapable());
                candidate = masterCapable && CandidatePool.selfPromotion(store,
                        readd ? List.of(existing.uuid()) : List.of());
            }

            private Node probe() {
                return new Node(existing != null ? existing.uuid() : "new", name, 0, 0, 0, pip, sip, "", false,
                        false, false, true, true, true, Map.of(), Set.of());
            }

            private boolean capable(String key, boolean current) {
                return p.get(key) != null ? (Boolean) p.get(key) : current;
            }

            private NodeGroup lookupGroup(String wanted) {
                if (wanted == null) {
                    // the group called "default", else the first by name
                    return store.list(NodeGroup.class).stream().min(java.util.Comparator
                            .comparing((NodeGroup g) -> !"default".equals(g.name())).thenComparing(NodeGroup::name))
                            .orElseThrow();
                }
                return store.byName(NodeGroup.class, wanted).or(() -> store.get(NodeGroup.class, wanted))
                        .orElseThrow(() -> GanetiException.prereq("Node group '" + wanted + "' not found",
                                ErrorCode.ECODE_NOENT));
            }

            @Override
            public Object exec() {
                if (!pip.equals(sip) && !rpc.anyway(probe()).hasIpAddress(sip)) {
                    throw GanetiException.prereq("Node claims it doesn't have the secondary ip you gave (" + sip
                            + "), please fix and re-run this command.", ErrorCode.ECODE_ENVIRON);
                }
                Map<String, Object> nd = p.get("ndparams") != null ? (Map<String, Object>) p.get("ndparams")
                        : existing != null ? existing.ndparams() : Map.of();
                boolean vmCapable = capable("vm_capable", existing == null || existing.vmCapable());
                if (readd) {
                    ctx.feedback("Readding a node, the offline/drained flags were reset");
                    store.update(Node.class, existing.uuid(), n -> new Node(n.uuid(), n.name(), n.serialNo(),
                            n.ctime(), n.mtime(), n.primaryIp(), n.secondaryIp(), n.group(), candidate, false, false,
                            masterCapable, vmCapable, true, nd, n.tags()));
                } else {
                    store.add(new Node(UUID.randomUUID().toString(), name, 0, 0, 0, pip, sip, group.uuid(),
                            candidate, false, false, masterCapable, vmCapable, true, nd, Set.of()));
                }
                if (readd) {
                    roles.newCertificate(existing.uuid()); // the set-up issued the node a new certificate
                }
                roles.changed(ctx);
                return null;
            }

            private boolean tcpPing(String source, String address) {
                try (Socket s = new Socket()) {
                    if (source != null) {
                        s.bind(new InetSocketAddress(source, 0));
                    }
                    s.connect(new InetSocketAddress(address, port), PING_TIMEOUT_MS);
                    return true;
                } catch (IOException e) {
                    return false;
                }
            }
        };
    }

    private static String resolve(String name) {
        try {
            return InetAddress.getByName(name).getHostAddress();
        } catch (IOException e) {
            throw GanetiException.prereq("Failed to resolve hostname '" + name + "': " + e.getMessage(),
                    ErrorCode.ECODE_RESOLVER);
        }
    }
}
