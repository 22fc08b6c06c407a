package org.garnet.api.config;

import java.util.List;
import org.garnet.api.model.Cluster;

/**
 * What {@code gnt-cluster info} and RAPI {@code /2/info} show beyond the stored cluster: the master's name,
 * this node's architecture, the OS and ExtStorage search paths, the software version, and the cluster's instance
 * policy as Ganeti's dictionary ({@code minmax}, {@code std}, {@code disk-templates}, {@code vcpu-ratio},
 * {@code spindle-ratio}), and {@code fixedSettings}: Ganeti's cluster settings that Garnet does not let change yet,
 * under their RAPI names with their values ({@code compression_tools}, {@code ssh_key_type}, the data collectors,
 * ...).
 */
public record ClusterInfo(Cluster cluster, String masterName, String architecture, String machine,
                          List<String> osSearchPath, List<String> extStorageSearchPath, String softwareVersion,
                          java.util.Map<String, Object> ipolicy, java.util.Map<String, Object> fixedSettings) {
}
