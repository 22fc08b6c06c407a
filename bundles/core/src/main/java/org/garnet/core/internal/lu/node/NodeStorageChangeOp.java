package org.garnet.core.internal.lu.node;

import java.util.List;
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
import org.garnet.api.model.Node;

/**
 * What {@code OP_NODE_MODIFY_STORAGE} ({@code gnt-node modify-storage}) and {@code OP_REPAIR_NODE_STORAGE}
 * ({@code gnt-node repair-storage}) share: the node, its lock, and Ganeti's rule of which storage types allow the
 * operation at all — only LVM physical volumes can be modified ({@code allocatable}) and only LVM volume groups
 * repaired. Garnet has no LVM driver (no device-mapper here), so for the types it has ({@code file},
 * {@code sharedfile}) these answer Ganeti's refusal, and for the LVM types that the storage is not available.
 */
abstract class NodeStorageChangeOp implements OpDefinition {
    private static final Set<String> TYPES = Set.of("file", "sharedfile", "lvm-vg", "lvm-pv", "diskless", "rados",
            "ext", "gluster");

    abstract ConfigStore store();

    /** The storage type this operation applies to ({@code lvm-pv} or {@code lvm-vg}). */
    abstract String applicableType();

    /** Ganeti's word for the operation in its refusal ({@code modified}, {@code repaired}). */
    abstract String verb();

    abstract List<OpParam> ownParams();

    @Override
    public List<OpParam> params() {
        List<OpParam> p = new java.util.ArrayList<>(List.of(
                OpParam.required("node_name", ParamType.STRING, "A required node name (for single-node LUs)"),
                OpParam.optional("node_uuid", ParamType.ANY, null, "A node UUID (for single-node LUs)"),
                OpParam.required("storage_type", ParamType.STRING, "Storage type"),
                OpParam.optional("name", ParamType.STRING, null, "Storage name")));
        p.addAll(ownParams());
        return p;
    }

    @Override
    public LogicalUnit create(OpCode op, LuContext ctx) {
        String type = (String) op.params().get("storage_type");
        String nodeName = (String) op.params().get("node_name");
        return new LogicalUnit() {
            private Node node;

            @Override
            public void checkArguments() {
                if (!TYPES.contains(type)) {
                    throw GanetiException.prereq("Unknown storage type: " + type, ErrorCode.ECODE_INVAL);
                }
                if (!type.equals(applicableType())) {
                    throw GanetiException.prereq("Storage units of type '" + type + "' can not be " + verb(),
                            ErrorCode.ECODE_INVAL);
                }
                if (op.params().get("name") == null) {
                    throw GanetiException.prereq("Missing the required storage unit name", ErrorCode.ECODE_INVAL);
                }
                node = store().byName(Node.class, nodeName).orElseThrow(() -> GanetiException.prereq(
                        "Node '" + nodeName + "' not known", ErrorCode.ECODE_NOENT));
            }

            @Override
            public void declareLocks(LockPlan plan) {
                plan.need(LockLevel.NODE, Set.of(node.uuid()), false);
            }

            @Override
            public Object exec() {
                throw GanetiException.prereq("Storage type '" + type + "' is not available on node " + node.name()
                        + " (Garnet has no LVM driver)", ErrorCode.ECODE_STATE);
            }
        };
    }
}
