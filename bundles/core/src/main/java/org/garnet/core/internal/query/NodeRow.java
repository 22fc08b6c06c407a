package org.garnet.core.internal.query;

import java.util.List;
import java.util.function.Supplier;
import org.garnet.api.config.NodeLiveData;
import org.garnet.api.model.Cluster;
import org.garnet.api.model.Node;
import org.garnet.api.model.NodeGroup;

/** What a node row reads: the node, the cluster, its group, its instances and (lazily) its live data. */
record NodeRow(Node node, Cluster cluster, NodeGroup group, List<String> primaryInstances,
               List<String> secondaryInstances, Supplier<NodeLiveData> live) {
}
