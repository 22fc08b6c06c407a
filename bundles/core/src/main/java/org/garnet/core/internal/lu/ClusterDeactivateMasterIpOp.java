package org.garnet.core.internal.lu;

import org.garnet.api.config.ConfigStore;
import org.garnet.api.lu.OpDefinition;
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code OP_CLUSTER_DEACTIVATE_MASTER_IP} ({@code gnt-cluster deactivate-master-ip}; no RAPI resource in Ganeti). */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + ClusterDeactivateMasterIpOp.OP)
public class ClusterDeactivateMasterIpOp extends ClusterMasterIpOp {
    static final String OP = "OP_CLUSTER_DEACTIVATE_MASTER_IP";

    @Activate
    public ClusterDeactivateMasterIpOp(@Reference ConfigStore store, @Reference NodeRpc rpc) {
        super(store, rpc, false);
    }

    @Override
    public String opId() {
        return OP;
    }
}
