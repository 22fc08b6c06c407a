package org.garnet.core.internal.lu.node;

import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.config.ConfigStore;
import org.garnet.api.model.Node;

/** What the node units share. */
final class Nodes {
    private Nodes() {
    }

    static Node require(ConfigStore store, String name) {
        return store.byName(Node.class, name).orElseThrow(() -> GanetiException.prereq(
                "Node '" + name + "' not known", ErrorCode.ECODE_NOENT));
    }

    static Node withRole(Node n, boolean candidate, boolean drained, boolean offline) {
        return new Node(n.uuid(), n.name(), n.serialNo(), n.ctime(), n.mtime(), n.primaryIp(), n.secondaryIp(),
                n.group(), candidate, drained, offline, n.masterCapable(), n.vmCapable(), n.powered(), n.ndparams(),
                n.tags());
    }
}
