package org.garnet.core.internal.console;

import java.io.InputStream;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.hypervisor.SerialConsoles;
import org.garnet.api.model.Instance;
import org.garnet.api.model.Node;
import org.garnet.core.internal.rpc.NodeRpc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** An instance's serial console from its primary node's daemon (the master's {@code gnt-instance console}). */
@Component(service = SerialConsoles.class)
public class SerialConsolesImpl implements SerialConsoles {
    private final ConfigStore store;
    private final NodeRpc nodes;

    @Activate
    public SerialConsolesImpl(@Reference ConfigStore store, @Reference NodeRpc nodes) {
        this.store = store;
        this.nodes = nodes;
    }

    @Override
    public InputStream open(String instanceName) {
        Instance inst = instance(instanceName);
        return nodes.at(primary(inst)).serialStream(inst.hypervisor(), inst.name());
    }

    @Override
    public void type(String instanceName, byte[] input) {
        Instance inst = instance(instanceName);
        nodes.at(primary(inst)).serialInput(inst.hypervisor(), inst.name(), input);
    }

    private Instance instance(String instanceName) {
        return store.byName(Instance.class, instanceName).orElseThrow(() -> GanetiException.prereq(
                "Instance '" + instanceName + "' not known", ErrorCode.ECODE_NOENT));
    }

    private Node primary(Instance inst) {
        Node pnode = store.get(Node.class, inst.primaryNode()).orElseThrow(() -> GanetiException.exec(
                "Instance " + inst.name() + "'s primary node is not in the configuration"));
        if (pnode.offline()) {
            throw GanetiException.prereq("Can't connect to the console of " + inst.name() + ": its primary node "
                    + pnode.name() + " is offline", ErrorCode.ECODE_STATE);
        }
        return pnode;
    }
}
