package org.garnet.rapi.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.garnet.api.config.ClusterInfo;
import org.garnet.api.jobs.Job;
import org.garnet.api.jobs.OpCode;
import org.garnet.api.model.Cluster;

/**
 * Cluster-wide resources: {@code /version}, {@code /}, {@code /2}, {@code /2/info}, {@code /2/features},
 * {@code /2/modify}, {@code /2/redistribute-config}, {@code /2/os} and the cluster's tags.
 */
final class ClusterResources {
    private static final List<String> FEATURES = List.of("instance-create-reqv1", "instance-reinstall-reqv1",
            "node-migrate-reqv1", "node-evac-res1");

    private final Backend b;

    private ClusterResources(Backend b) {
        this.b = b;
    }

    static void addTo(Routes routes, Backend b) {
        ClusterResources r = new ClusterResources(b);
        routes.add("/version", "version").get(c -> 2);
        routes.add("/", "root").get(c -> null);
        routes.add("/2", "2").get(c -> null);
        routes.add("/2/info", "info").get(c -> r.info());
        routes.add("/2/features", "features").get(c -> FEATURES);
        routes.add("/2/modify", "modify").put(r::modify);
        routes.add("/2/redistribute-config", "redist_config")
                .put(c -> b.submit(c, "OP_CLUSTER_REDIST_CONF", c.opBody()));
        routes.add("/2/os", "os").get(r::osList);
        TagResources.add(routes, b, "/2/tags", "tags", "cluster");
    }

    private Object modify(Call c) {
        Map<String, Object> body = c.opBody();
        if (body.containsKey("compression_tools")) {
            throw new RapiError(403, "Compression tools can only be set from the command line");
        }
        return b.submit(c, "OP_CLUSTER_SET_PARAMS", body);
    }

    /** Ganeti's {@code /2/info}: every key its {@code QueryClusterInfo} answers, with the RAPI's aliases. */
    private Map<String, Object> info() {
        ClusterInfo info = b.cluster.info();
        Cluster c = info.cluster();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("software_version", info.softwareVersion());
        m.put("protocol_version", 3000000);
        m.put("config_version", 3000000);
        m.put("os_api_version", 20);
        m.put("export_version", 0);
        m.put("vcs_version", "(garnet) version " + info.softwareVersion());
        m.put("architecture", List.of(info.architecture(), info.machine()));
        m.put("name", c.name());
        m.put("master", info.masterName());
        m.put("default_hypervisor", c.defaultHypervisor());
        m.put("enabled_hypervisors", c.enabledHypervisors());
        m.put("hvparams", c.hvparams());
        m.put("os_hvp", Map.of());
        m.put("beparams", Map.of("default", c.beparams()));
        m.put("osparams", Map.of());
        m.put("ipolicy", info.ipolicy());
        m.put("nicparams", Map.of("default", c.nicparams()));
        m.put("ndparams", c.ndparams());
        m.put("diskparams", c.diskparams());
        m.put("candidate_pool_size", c.candidatePoolSize());
        m.put("max_running_jobs", c.maxRunningJobs());
        m.put("max_tracked_jobs", c.maxTrackedJobs());
        m.put("mac_prefix", c.macPrefix());
        m.put("master_netdev", c.masterNetdev());
        m.put("master_netmask", c.masterNetmask());
        m.put("volume_group_name", c.volumeGroupName());
        m.put("file_storage_dir", c.fileStorageDir());
        m.put("shared_file_storage_dir", c.sharedFileStorageDir());
        m.put("maintain_node_health", c.maintainNodeHealth());
        m.put("ctime", c.ctime());
        m.put("mtime", c.mtime());
        m.put("uuid", c.uuid());
        m.put("tags", List.copyOf(c.tags()));
        m.put("default_iallocator", c.defaultIallocator());
        m.put("default_iallocator_params", c.defaultIallocatorParams());
        m.put("primary_ip_version", c.primaryIpVersion());
        m.put("prealloc_wipe_disks", c.preallocWipeDisks());
        m.put("enabled_disk_templates", c.enabledDiskTemplates());
        m.putAll(info.fixedSettings());
        m.put("vg_name", m.get("volume_group_name"));
        m.put("drbd_helper", m.get("drbd_usermode_helper"));
        return m;
    }

    /** Ganeti's {@code OSI_FIELDS_BULK}: what {@code /2/os?bulk=1} gives per OS. */
    private static final List<String> OS_BULK = List.of("name", "valid", "variants", "parameters", "api_versions",
            "blacklisted", "hidden", "trusted");

    /**
     * {@code /2/os}: the valid OS names with their variants, from an {@code OP_OS_DIAGNOSE} job; with
     * {@code bulk}, Ganeti's dictionary per OS (parameters as {@code {name, description}}).
     */
    private Object osList(Call c) {
        boolean bulk = c.args().flag("bulk");
        List<String> fields = bulk ? OS_BULK : List.of("name", "valid", "variants");
        long id = b.jobs.submit(List.of(OpCode.of("OP_OS_DIAGNOSE", Map.of("output_fields", fields,
                "names", List.of()))));
        Job job = b.waitDone(id);
        if (bulk) {
            List<Object> out = new ArrayList<>();
            for (Object o : job.ops().get(0).result() instanceof List<?> rows ? rows : List.of()) {
                List<?> row = (List<?>) o;
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < OS_BULK.size(); i++) {
                    m.put(OS_BULK.get(i), row.get(i));
                }
                List<Object> params = new ArrayList<>();
                for (Object p : row.get(3) instanceof List<?> l ? l : List.of()) {
                    List<?> pd = (List<?>) p;
                    Map<String, Object> pm = new LinkedHashMap<>();
                    pm.put("name", pd.get(0));
                    pm.put("description", pd.get(1));
                    params.add(pm);
                }
                m.put("parameters", params);
                out.add(m);
            }
            return out;
        }
        List<String> out = new ArrayList<>();
        if (job.ops().get(0).result() instanceof List<?> rows) {
            for (Object o : rows) {
                List<?> row = (List<?>) o;
                if (!Boolean.TRUE.equals(row.get(1))) {
                    continue;
                }
                List<?> variants = (List<?>) row.get(2);
                if (variants.isEmpty()) {
                    out.add(String.valueOf(row.get(0)));
                } else {
                    variants.forEach(v -> out.add(row.get(0) + "+" + v));
                }
            }
        }
        return out;
    }
}
