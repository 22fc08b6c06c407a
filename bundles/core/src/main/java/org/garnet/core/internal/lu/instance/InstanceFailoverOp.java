package org.garnet.core.internal.lu.instance;

import org.garnet.api.config.ConfigStore;
import org.garnet.api.lu.OpDefinition;
import org.garnet.core.internal.drivers.Drivers;
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code OP_INSTANCE_FAILOVER}: Fails an instance over to another node (Ganeti's LUInstanceFailover); see {@link RelocateOp}. */
@Component(service = OpDefinition.class, property = OpDefinition.OP_ID + "=" + InstanceFailoverOp.OP)
public class InstanceFailoverOp extends RelocateOp {
    static final String OP = "OP_INSTANCE_FAILOVER";

    public InstanceFailoverOp() {
        super(true);
    }

    public InstanceFailoverOp(ConfigStore store, Drivers drivers) {
        this(store, drivers, NodeRpc.inProcess(drivers));
    }

    /** For tests: the nodes reached through {@code nodes}. */
    public InstanceFailoverOp(ConfigStore store, Drivers drivers, NodeRpc nodes) {
        this();
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
}
