package org.garnet.core.internal.lu;

import org.garnet.api.config.ConfigStore;
import org.garnet.api.lu.OpDefinition;
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code OP_CLUSTER_ACTIVATE_MASTER_IP} ({@code gnt-cluster activate-master-ip}; no RAPI resource in Ganeti). */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + ClusterActivateMasterIpOp.OP)
public class ClusterActivateMasterIpOp extends ClusterMasterIpOp {
    static final String OP = "OP_CLUSTER_ACTIVATE_MASTER_IP";

    @Activate
    public ClusterActivateMasterIpOp(@Reference ConfigStore store, @Reference NodeRpc rpc) {
        super(store, rpc, true);
    }

    @Override
    public String opId() {
        return OP;
    }
}
