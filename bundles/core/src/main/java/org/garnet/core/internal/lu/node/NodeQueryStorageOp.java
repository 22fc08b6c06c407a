package org.garnet.core.internal.lu.node;

import java.util.ArrayList;
import java.util.List;
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
import org.garnet.api.model.Node;
import org.garnet.api.storage.DiskRequest;
import org.garnet.api.storage.StorageSpace;
import org.garnet.api.storage.DiskTemplate;
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_NODE_QUERY_STORAGE} ({@code gnt-node list-storage}): the storage units of a type on the nodes, with
 * Ganeti's fields {@code node}, {@code type}, {@code name}, {@code size}, {@code used}, {@code free},
 * {@code allocatable} (MiB). Types here: {@code file} and {@code sharedfile} (the cluster's directories), read
 * through the templates' drivers on this node.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + NodeQueryStorageOp.OP)
public class NodeQueryStorageOp implements OpDefinition {
    static final String OP = "OP_NODE_QUERY_STORAGE";
    private static final List<String> FIELDS = List.of("node", "type", "name", "size", "used", "free", "allocatable");

    @Reference
    ConfigStore store;
    @Reference
    NodeRpc rpc;

    public NodeQueryStorageOp() {
    }

    public NodeQueryStorageOp(ConfigStore store, NodeRpc rpc) {
        this.store = store;
        this.rpc = rpc;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    public List<OpParam> params() {
        return List.of(OpParam.required("output_fields", ParamType.STRING_LIST, "Selected output fields"),
                OpParam.required("storage_type", ParamType.STRING, "Storage type"),
                OpParam.optional("nodes", ParamType.STRING_LIST, List.of(), "Node names"),
                OpParam.optional("name", ParamType.STRING, null, "Storage name"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public LogicalUnit create(OpCode op, LuContext ctx) {
        List<String> fields = (List<String>) op.params().get("output_fields");
        String type = (String) op.params().get("storage_type");
        List<String> names = (List<String>) op.params().get("nodes");
        return new LogicalUnit() {
            @Override
            public void checkArguments() {
                for (String f : fields) {
                    if (!FIELDS.contains(f)) {
                        throw GanetiException.prereq("Unknown output fields selected: " + f, ErrorCode.ECODE_INVAL);
                    }
                }
                if (!List.of("file", "sharedfile", "lvm-vg", "lvm-pv", "diskless", "rados", "ext", "gluster")
                        .contains(type)) {
                    throw GanetiException.prereq("Unknown storage type: " + type, ErrorCode.ECODE_INVAL);
                }
            }

            @Override
            public void declareLocks(LockPlan plan) {
                // reads free space only
            }

            @Override
            public Object exec() {
                Cluster cluster = store.cluster().orElseThrow();
                if (!type.equals("file") && !type.equals("sharedfile")) {
                    throw GanetiException.prereq("Storage type '" + type + "' is not available on this cluster "
                            + "(no driver for it yet)", ErrorCode.ECODE_INVAL);
                }
                if (!cluster.enabledDiskTemplates().contains(type)) {
                    throw GanetiException.prereq("Storage type '" + type + "' is not enabled (its disk template is "
                            + "not enabled)", ErrorCode.ECODE_STATE);
                }
                String dir = type.equals("file") ? cluster.fileStorageDir() : cluster.sharedFileStorageDir();
                List<Object> rows = new ArrayList<>();
                List<Node> asked = store.list(Node.class).stream().filter(n -> !n.offline()
                        && (names.isEmpty() || names.contains(n.name()))).toList();
                DiskRequest.Location where = new DiskRequest.Location(dir);
                var answers = rpc.each(asked, c -> {
                    DiskTemplate t = c.template(type);
                    return new Object[] {t.space(where), t.usedMiB(where)};
                });
                for (Node n : asked) {
                    var answer = answers.get(n.name());
                    if (!answer.ok()) {
                        ctx.feedback("Error while querying storage on node " + n.name() + ": "
                                + answer.error().getMessage());
                        continue;
                    }
                    StorageSpace s = (StorageSpace) answer.value()[0];
                    long used = (Long) answer.value()[1];
                    List<Object> row = new ArrayList<>();
                    for (String f : fields) {
                        row.add(switch (f) {
                            case "node" -> n.name();
                            case "type" -> type;
                            case "name" -> dir;
                            case "size" -> s.sizeMiB();
                            case "used" -> used;
                            case "free" -> s.freeMiB();
                            default -> true;
                        });
                    }
                    rows.add(row);
                }
                return rows;
            }
        };
    }
}
