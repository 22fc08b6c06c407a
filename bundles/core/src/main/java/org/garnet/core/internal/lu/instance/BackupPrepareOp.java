package org.garnet.core.internal.lu.instance;

import java.util.List;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.lu.LuContext;
import org.garnet.api.lu.OpDefinition;
import org.garnet.api.lu.OpParam;
import org.garnet.api.lu.ParamType;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code OP_BACKUP_PREPARE} (RAPI {@code PUT /2/instances/NAME/prepare-export}, Ganeti's LUBackupPrepare): a local
 * export needs no preparation (Ganeti answers {@code null}); the remote mode's X509 handshake for inter-cluster
 * exports is not supported by Garnet and is refused as such.
 */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + BackupPrepareOp.OP)
public class BackupPrepareOp extends InstanceOp {
    static final String OP = "OP_BACKUP_PREPARE";

    public BackupPrepareOp() {
    }

    public BackupPrepareOp(ConfigStore store, Drivers drivers, NodeRpc nodes) {
        this.store = store;
        this.drivers = drivers;
        this.nodes = nodes;
    }

    @Reference
    void setStore(ConfigStore s) {
        store = s;
    }

    @Reference
    void setDrivers(Drivers d) {
        drivers = d;
    }

    @Reference
    void setNodes(NodeRpc n) {
        nodes = n;
    }

    @Override
    public String opId() {
        return OP;
    }

    @Override
    protected List<OpParam> ownParams() {
        return List.of(OpParam.required("mode", ParamType.STRING, "Export mode").oneOf("local", "remote"));
    }

    @Override
    protected void check(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        Instances.requireOnline(pnode);
        if ("remote".equals(p(op).get("mode"))) {
            throw GanetiException.prereq("Remote (inter-cluster) exports are not supported by Garnet; export to "
                    + "a node of this cluster (mode local)", ErrorCode.ECODE_INVAL);
        }
    }

    @Override
    protected Object run(OpCode op, LuContext ctx, Cluster cluster, Instance inst, Node pnode) {
        return null;
    }
}
