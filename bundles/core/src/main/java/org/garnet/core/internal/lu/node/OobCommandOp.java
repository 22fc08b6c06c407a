package org.garnet.core.internal.lu.node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_OOB_COMMAND} ({@code gnt-node power on|off|cycle|status}, {@code gnt-node health}, Ganeti's
 * LUOobCommand): the node's out-of-band program (ndparam {@code oob_program}, filled from cluster, group and node)
 * run on the master as {@code PROGRAM COMMAND NODE}; its JSON answer checked as Ganeti checks it. Per node the
 * answer is Ganeti's {@code [[0, name], [status, payload]]}: unavailable (3) without a program, no data (2) when it
 * failed. Power on and off record the node's power state. The master is never powered off or cycled, and a node
 * is powered off only once marked offline (unless {@code ignore_status}).
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + OobCommandOp.OP)
public class OobCommandOp implements OpDefinition {
    static final String OP = "OP_OOB_COMMAND";
    static final List<String> COMMANDS = List.of("power-on", "power-off", "power-cycle", "power-status", "health");
    private static final Set<String> SKIP_MASTER = Set.of("power-off", "power-cycle");
    private static final Set<String> HEALTH_STATUSES = Set.of("OK", "WARNING", "CRITICAL", "UNKNOWN");

    @Reference
    ConfigStore store;
    @Reference
    NodeRpc nodes;

    public OobCommandOp() {
    }

    public OobCommandOp(ConfigStore store, NodeRpc nodes) {
        this.store = store;
        this.nodes = nodes;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(OpParam.optional("node_names", ParamType.STRING_LIST, List.of(), "List of node names to run "
                        + "the OOB command against"),
                OpParam.optional("node_uuids", ParamType.STRING_LIST, null, "List of node UUIDs"),
                OpParam.required("command", ParamType.STRING, "OOB command to run").oneOf(COMMANDS.toArray(
                        new String[0])),
                OpParam.optional("timeout", ParamType.INT, 60, "Timeout before the OOB helper will be terminated"),
                OpParam.optional("ignore_status", ParamType.BOOL, false, "Ignores the node offline status for "
                        + "power off"),
                OpParam.optional("power_delay", ParamType.NUMBER, 2.0, "Time in seconds to wait between powering "
                        + "on nodes"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public LogicalUnit create(OpCode op, LuContext ctx) {
        Map<String, Object> p = op.params();
        String command = (String) p.get("command");
        return new LogicalUnit() {
            private List<Node> targets;
            private Node master;

            @Override
            public void declareLocks(LockPlan plan) {
                List<String> names = (List<String>) p.get("node_names");
                if (names == null || names.isEmpty()) {
                    plan.need(LockLevel.NODE, LockPlan.ALL, false);
                } else {
                    plan.need(LockLevel.NODE, Set.copyOf(names.stream().map(n -> Nodes.require(store, n).uuid())
                            .toList()), false);
                }
            }

            @Override
            public void checkPrereq() {
                Cluster cluster = store.cluster().orElseThrow();
                master = store.get(Node.class, cluster.masterNode()).orElseThrow();
                List<String> names = (List<String>) p.get("node_names");
                if (names != null && !names.isEmpty()) {
                    targets = new ArrayList<>(names.stream().map(n -> Nodes.require(store, n)).toList());
                    if (SKIP_MASTER.contains(command) && targets.stream().anyMatch(n -> n.uuid().equals(
                            master.uuid()))) {
                        String program = program(cluster, master);
                        throw GanetiException.prereq("Operating on the master node " + master.name() + " is not "
                                + "allowed for " + command + "; " + (program.isEmpty() ? "it does not support "
                                + "out-of-band operations" : "run '" + program + " " + command + " " + master.name()
                                + "' if you want to operate on the master regardless"), ErrorCode.ECODE_INVAL);
                    }
                } else {
                    targets = new ArrayList<>(store.list(Node.class));
                    if (SKIP_MASTER.contains(command)) {
                        targets.removeIf(n -> n.uuid().equals(master.uuid()));
                    }
                }
                for (Node n : targets) {
                    if (!Boolean.TRUE.equals(p.get("ignore_status")) && command.equals("power-off") && !n.offline()) {
                        throw GanetiException.prereq("Cannot power off node " + n.name() + " because it is not "
                                + "marked offline", ErrorCode.ECODE_STATE);
                    }
                }
            }

            @Override
            public Object exec() {
                Cluster cluster = store.cluster().orElseThrow();
                List<Object> out = new ArrayList<>();
                List<Node> sorted = new ArrayList<>(targets);
                sorted.sort(Comparator.comparing(Node::name));
                long timeout = ((Number) p.get("timeout")).longValue();
                for (int i = 0; i < sorted.size(); i++) {
                    Node n = sorted.get(i);
                    String program = program(cluster, n);
                    if (program.isEmpty()) {
                        out.add(List.of(List.of(0, n.name()), Arrays.asList(3, null)));
                        continue;
                    }
                    Object payload;
                    try {
                        payload = nodes.at(master).runOob(program, command, n.name(), timeout);
                        check(payload);
                    } catch (GanetiException e) {
                        ctx.feedback(" - WARNING: Out-of-band RPC failed on node '" + n.name() + "': "
                                + e.getMessage());
                        out.add(List.of(List.of(0, n.name()), Arrays.asList(2, null)));
                        continue;
                    }
                    if (command.equals("health") && payload instanceof List<?> items) {
                        for (Object item : items) {
                            if (item instanceof List<?> pair && pair.size() == 2 && List.of("WARNING", "CRITICAL")
                                    .contains(String.valueOf(pair.get(1)))) {
                                ctx.feedback(" - WARNING: Item '" + pair.get(0) + "' on node '" + n.name()
                                        + "' has status '" + pair.get(1) + "'");
                            }
                        }
                    }
                    if (command.equals("power-on") || command.equals("power-off")) {
                        boolean on = command.equals("power-on");
                        store.update(Node.class, n.uuid(), x -> new Node(x.uuid(), x.name(), x.serialNo(), x.ctime(),
                                x.mtime(), x.primaryIp(), x.secondaryIp(), x.group(), x.masterCandidate(),
                                x.drained(), x.offline(), x.masterCapable(), x.vmCapable(), on, x.ndparams(),
                                x.tags()));
                    }
                    out.add(List.of(List.of(0, n.name()), Arrays.asList(0, payload)));
                    if (command.equals("power-on") && i < sorted.size() - 1) {
                        double delay = ((Number) p.get("power_delay")).doubleValue();
                        try {
                            Thread.sleep((long) (delay * 1000)); // Ganeti's pause between powering nodes on
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw GanetiException.exec("Interrupted between powering on nodes");
                        }
                    }
                }
                return out;
            }

            /** Ganeti's _CheckPayload. */
            private void check(Object payload) {
                List<String> errs = new ArrayList<>();
                if (command.equals("health")) {
                    if (!(payload instanceof List<?> items)) {
                        errs.add("command 'health' is expected to return a list but got " + type(payload));
                    } else {
                        for (Object item : items) {
                            if (!(item instanceof List<?> pair) || pair.size() != 2
                                    || !HEALTH_STATUSES.contains(String.valueOf(pair.get(1)))) {
                                errs.add("health item '" + (item instanceof List<?> l && !l.isEmpty() ? l.get(0) : item)
                                        + "' has invalid status '" + (item instanceof List<?> l && l.size() > 1
                                        ? l.get(1) : null) + "'");
                            }
                        }
                    }
                }
                if (command.equals("power-status") && !(payload instanceof Map<?, ?>)) {
                    errs.add("power-status is expected to return a dict but got " + type(payload));
                }
                if (command.startsWith("power-") && !command.equals("power-status") && payload != null) {
                    errs.add(command + " is expected to not return payload but got '" + payload + "'");
                }
                if (!errs.isEmpty()) {
                    throw GanetiException.exec("Check of out-of-band payload failed due to " + String.join(", ",
                            errs));
                }
            }
        };
    }

    private static String type(Object v) {
        return v instanceof List ? "<class 'list'>" : v instanceof Map ? "<class 'dict'>" : v == null
                ? "<class 'NoneType'>" : "<class 'str'>";
    }

    /** The node's {@code oob_program}: the node's own, else its group's, else the cluster's ("" = none). */
    private String program(Cluster cluster, Node n) {
        Map<String, Object> nd = new TreeMap<>(cluster.ndparams());
        store.get(NodeGroup.class, n.group()).ifPresent(g -> nd.putAll(g.ndparams()));
        nd.putAll(n.ndparams());
        Object v = nd.get("oob_program");
        return v == null ? "" : String.valueOf(v);
    }
}
