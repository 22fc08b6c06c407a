package org.garnet.api.config;

import java.util.List;
import org.garnet.api.model.Cluster;

/**
 * What {@code gnt-cluster info} and RAPI {@code /2/info} show beyond the stored cluster: the master's name,
 * this node's architecture, the OS and ExtStorage search paths, the software version.
 */
public record ClusterInfo(Cluster cluster, String masterName, String architecture, String machine,
                          List<String> osSearchPath, List<String> extStorageSearchPath, String softwareVersion) {
}
