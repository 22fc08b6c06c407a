package org.garnet.api.model;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cluster object, with Ganeti's parameters that Garnet has so far. Parameter dictionaries keep Ganeti's
 * names ({@code hvparams} per hypervisor, {@code beparams}, {@code nicparams}, {@code ndparams},
 * {@code diskparams} per template). {@code watcherPause}: until when (epoch seconds) the watcher is paused (Ganeti's
 * {@code watcher_pause}; null: not paused). {@code tcpudpPortPool} and {@code highestUsedPort}: Ganeti's
 * {@code tcpudp_port_pool} and {@code highest_used_port}, where instances' network ports (VNC) come from (the pool
 * first, then the port after the highest used one, from {@value #FIRST_PORT} on). {@code extStorageSearchPath}: where
 * every node looks for ExtStorage provider directories (empty: the node's default, Ganeti's build-time path under
 * its data root); Ganeti fixes it at build time, Garnet lets {@code gnt-cluster modify --extstorage-search-path}
 * change it. {@code upgrade}: the upgrade under way ({@code gnt-cluster upgrade}; null: none), replicated with the
 * configuration so that a new master finishes it; while there is one, the queue starts no job.
 */
public record Cluster(String uuid, String name, long serialNo, double ctime, double mtime,
                      String masterNode, String masterIp, String masterNetdev, int masterNetmask,
                      int primaryIpVersion, String macPrefix,
                      List<String> enabledHypervisors, List<String> enabledDiskTemplates,
                      String fileStorageDir, String sharedFileStorageDir, String volumeGroupName,
                      int candidatePoolSize, int maxRunningJobs, int maxTrackedJobs,
                      String defaultIallocator, boolean maintainNodeHealth, boolean preallocWipeDisks,
                      Map<String, Map<String, Object>> hvparams, Map<String, Object> beparams,
                      Map<String, Object> nicparams, Map<String, Object> ndparams,
                      Map<String, Map<String, Object>> diskparams, InstancePolicy ipolicy,
                      Set<String> tags, Map<String, Object> defaultIallocatorParams, Double watcherPause,
                      List<Integer> tcpudpPortPool, Integer highestUsedPort, List<String> extStorageSearchPath,
                      UpgradeIntent upgrade)
        implements ConfigObject {
    /** Ganeti's {@code FIRST_DRBD_PORT} and {@code LAST_DRBD_PORT}: the range ports are allocated in. */
    public static final int FIRST_PORT = 11000;
    public static final int LAST_PORT = 14999;

    /** Without a port pool (configurations written before it existed). */
    public Cluster(String uuid, String name, long serialNo, double ctime, double mtime,
                   String masterNode, String masterIp, String masterNetdev, int masterNetmask,
                   int primaryIpVersion, String macPrefix,
                   List<String> enabledHypervisors, List<String> enabledDiskTemplates,
                   String fileStorageDir, String sharedFileStorageDir, String volumeGroupName,
                   int candidatePoolSize, int maxRunningJobs, int maxTrackedJobs,
                   String defaultIallocator, boolean maintainNodeHealth, boolean preallocWipeDisks,
                   Map<String, Map<String, Object>> hvparams, Map<String, Object> beparams,
                   Map<String, Object> nicparams, Map<String, Object> ndparams,
                   Map<String, Map<String, Object>> diskparams, InstancePolicy ipolicy,
                   Set<String> tags, Map<String, Object> defaultIallocatorParams, Double watcherPause) {
        this(uuid, name, serialNo, ctime, mtime, masterNode, masterIp, masterNetdev, masterNetmask,
                primaryIpVersion, macPrefix, enabledHypervisors, enabledDiskTemplates, fileStorageDir,
                sharedFileStorageDir, volumeGroupName, candidatePoolSize, maxRunningJobs, maxTrackedJobs,
                defaultIallocator, maintainNodeHealth, preallocWipeDisks, hvparams, beparams, nicparams, ndparams,
                diskparams, ipolicy, tags, defaultIallocatorParams, watcherPause, null, null, null, null);
    }

    /** Without an ExtStorage search path (configurations written before it existed). */
    public Cluster(String uuid, String name, long serialNo, double ctime, double mtime,
                   String masterNode, String masterIp, String masterNetdev, int masterNetmask,
                   int primaryIpVersion, String macPrefix,
                   List<String> enabledHypervisors, List<String> enabledDiskTemplates,
                   String fileStorageDir, String sharedFileStorageDir, String volumeGroupName,
                   int candidatePoolSize, int maxRunningJobs, int maxTrackedJobs,
                   String defaultIallocator, boolean maintainNodeHealth, boolean preallocWipeDisks,
                   Map<String, Map<String, Object>> hvparams, Map<String, Object> beparams,
                   Map<String, Object> nicparams, Map<String, Object> ndparams,
                   Map<String, Map<String, Object>> diskparams, InstancePolicy ipolicy,
                   Set<String> tags, Map<String, Object> defaultIallocatorParams, Double watcherPause,
                   List<Integer> tcpudpPortPool, Integer highestUsedPort) {
        this(uuid, name, serialNo, ctime, mtime, masterNode, masterIp, masterNetdev, masterNetmask,
                primaryIpVersion, macPrefix, enabledHypervisors, enabledDiskTemplates, fileStorageDir,
                sharedFileStorageDir, volumeGroupName, candidatePoolSize, maxRunningJobs, maxTrackedJobs,
                defaultIallocator, maintainNodeHealth, preallocWipeDisks, hvparams, beparams, nicparams, ndparams,
                diskparams, ipolicy, tags, defaultIallocatorParams, watcherPause, tcpudpPortPool, highestUsedPort,
                null, null);
    }

    /** Without an upgrade (configurations written before it existed). */
    public Cluster(String uuid, String name, long serialNo, double ctime, double mtime,
                   String masterNode, String masterIp, String masterNetdev, int masterNetmask,
                   int primaryIpVersion, String macPrefix,
                   List<String> enabledHypervisors, List<String> enabledDiskTemplates,
                   String fileStorageDir, String sharedFileStorageDir, String volumeGroupName,
                   int candidatePoolSize, int maxRunningJobs, int maxTrackedJobs,
                   String defaultIallocator, boolean maintainNodeHealth, boolean preallocWipeDisks,
                   Map<String, Map<String, Object>> hvparams, Map<String, Object> beparams,
                   Map<String, Object> nicparams, Map<String, Object> ndparams,
                   Map<String, Map<String, Object>> diskparams, InstancePolicy ipolicy,
                   Set<String> tags, Map<String, Object> defaultIallocatorParams, Double watcherPause,
                   List<Integer> tcpudpPortPool, Integer highestUsedPort, List<String> extStorageSearchPath) {
        this(uuid, name, serialNo, ctime, mtime, masterNode, masterIp, masterNetdev, masterNetmask,
                primaryIpVersion, macPrefix, enabledHypervisors, enabledDiskTemplates, fileStorageDir,
                sharedFileStorageDir, volumeGroupName, candidatePoolSize, maxRunningJobs, maxTrackedJobs,
                defaultIallocator, maintainNodeHealth, preallocWipeDisks, hvparams, beparams, nicparams, ndparams,
                diskparams, ipolicy, tags, defaultIallocatorParams, watcherPause, tcpudpPortPool, highestUsedPort,
                extStorageSearchPath, null);
    }

    public Cluster {
        tcpudpPortPool = tcpudpPortPool == null ? List.of() : List.copyOf(tcpudpPortPool);
        extStorageSearchPath = extStorageSearchPath == null ? List.of() : List.copyOf(extStorageSearchPath);
        highestUsedPort = highestUsedPort == null ? FIRST_PORT - 1 : highestUsedPort;
        enabledHypervisors = List.copyOf(enabledHypervisors);
        defaultIallocatorParams = defaultIallocatorParams == null ? Map.of() : Map.copyOf(defaultIallocatorParams);
        enabledDiskTemplates = List.copyOf(enabledDiskTemplates);
        hvparams = Map.copyOf(hvparams);
        beparams = Map.copyOf(beparams);
        nicparams = Map.copyOf(nicparams);
        ndparams = Map.copyOf(ndparams);
        diskparams = Map.copyOf(diskparams);
        tags = java.util.Collections.unmodifiableSet(new TreeSet<>(tags));
    }

    /** The default hypervisor is the first enabled one (Ganeti's rule). */
    public String defaultHypervisor() {
        return enabledHypervisors.isEmpty() ? null : enabledHypervisors.get(0);
    }

    @Override
    public Cluster withMeta(long serialNo, double ctime, double mtime) {
        return toBuilder().serialNo(serialNo).ctime(ctime).mtime(mtime).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Copies a cluster with some fields changed. */
    public static final class Builder {
        private String uuid;
        private String name;
        private long serialNo;
        private double ctime;
        private double mtime;
        private String masterNode;
        private String masterIp;
        private String masterNetdev;
        private int masterNetmask;
        private int primaryIpVersion;
        private String macPrefix;
        private List<String> enabledHypervisors;
        private List<String> enabledDiskTemplates;
        private String fileStorageDir;
        private String sharedFileStorageDir;
        private String volumeGroupName;
        private int candidatePoolSize;
        private int maxRunningJobs;
        private int maxTrackedJobs;
        private String defaultIallocator;
        private boolean maintainNodeHealth;
        private boolean preallocWipeDisks;
        private Map<String, Map<String, Object>> hvparams;
        private Map<String, Object> beparams;
        private Map<String, Object> nicparams;
        private Map<String, Object> ndparams;
        private Map<String, Map<String, Object>> diskparams;
        private InstancePolicy ipolicy;
        private Set<String> tags;
        private Map<String, Object> defaultIallocatorParams;
        private Double watcherPause;
        private List<Integer> tcpudpPortPool;
        private Integer highestUsedPort;
        private List<String> extStorageSearchPath;
        private UpgradeIntent upgrade;

        private Builder(Cluster c) {
            uuid = c.uuid; name = c.name; serialNo = c.serialNo; ctime = c.ctime; mtime = c.mtime;
            masterNode = c.masterNode; masterIp = c.masterIp; masterNetdev = c.masterNetdev;
            masterNetmask = c.masterNetmask; primaryIpVersion = c.primaryIpVersion; macPrefix = c.macPrefix;
            enabledHypervisors = c.enabledHypervisors; enabledDiskTemplates = c.enabledDiskTemplates;
            fileStorageDir = c.fileStorageDir; sharedFileStorageDir = c.sharedFileStorageDir;
            volumeGroupName = c.volumeGroupName; candidatePoolSize = c.candidatePoolSize;
            maxRunningJobs = c.maxRunningJobs; maxTrackedJobs = c.maxTrackedJobs;
            defaultIallocator = c.defaultIallocator; maintainNodeHealth = c.maintainNodeHealth;
            preallocWipeDisks = c.preallocWipeDisks; hvparams = c.hvparams; beparams = c.beparams;
            nicparams = c.nicparams; ndparams = c.ndparams; diskparams = c.diskparams; ipolicy = c.ipolicy;
            tags = c.tags;
            defaultIallocatorParams = c.defaultIallocatorParams;
            watcherPause = c.watcherPause;
            tcpudpPortPool = c.tcpudpPortPool;
            highestUsedPort = c.highestUsedPort;
            extStorageSearchPath = c.extStorageSearchPath;
            upgrade = c.upgrade;
        }

        public Builder tcpudpPortPool(List<Integer> v) { tcpudpPortPool = v; return this; }
        public Builder highestUsedPort(Integer v) { highestUsedPort = v; return this; }
        public Builder extStorageSearchPath(List<String> v) { extStorageSearchPath = v; return this; }
        public Builder upgrade(UpgradeIntent v) { upgrade = v; return this; }

        public Builder watcherPause(Double v) { watcherPause = v; return this; }

        public Builder defaultIallocatorParams(Map<String, Object> v) { defaultIallocatorParams = v; return this; }

        public Builder serialNo(long v) { serialNo = v; return this; }
        public Builder ctime(double v) { ctime = v; return this; }
        public Builder mtime(double v) { mtime = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder masterNode(String v) { masterNode = v; return this; }
        public Builder masterIp(String v) { masterIp = v; return this; }
        public Builder masterNetdev(String v) { masterNetdev = v; return this; }
        public Builder masterNetmask(int v) { masterNetmask = v; return this; }
        public Builder macPrefix(String v) { macPrefix = v; return this; }
        public Builder enabledHypervisors(List<String> v) { enabledHypervisors = v; return this; }
        public Builder enabledDiskTemplates(List<String> v) { enabledDiskTemplates = v; return this; }
        public Builder fileStorageDir(String v) { fileStorageDir = v; return this; }
        public Builder sharedFileStorageDir(String v) { sharedFileStorageDir = v; return this; }
        public Builder volumeGroupName(String v) { volumeGroupName = v; return this; }
        public Builder candidatePoolSize(int v) { candidatePoolSize = v; return this; }
        public Builder maxRunningJobs(int v) { maxRunningJobs = v; return this; }
        public Builder maxTrackedJobs(int v) { maxTrackedJobs = v; return this; }
        public Builder defaultIallocator(String v) { defaultIallocator = v; return this; }
        public Builder maintainNodeHealth(boolean v) { maintainNodeHealth = v; return this; }
        public Builder preallocWipeDisks(boolean v) { preallocWipeDisks = v; return this; }
        public Builder hvparams(Map<String, Map<String, Object>> v) { hvparams = v; return this; }
        public Builder beparams(Map<String, Object> v) { beparams = v; return this; }
        public Builder nicparams(Map<String, Object> v) { nicparams = v; return this; }
        public Builder ndparams(Map<String, Object> v) { ndparams = v; return this; }
        public Builder diskparams(Map<String, Map<String, Object>> v) { diskparams = v; return this; }
        public Builder ipolicy(InstancePolicy v) { ipolicy = v; return this; }
        public Builder tags(Set<String> v) { tags = v; return this; }

        public Cluster build() {
            return new Cluster(uuid, name, serialNo, ctime, mtime, masterNode, masterIp, masterNetdev,
                    masterNetmask, primaryIpVersion, macPrefix, enabledHypervisors, enabledDiskTemplates,
                    fileStorageDir, sharedFileStorageDir, volumeGroupName, candidatePoolSize, maxRunningJobs,
                    maxTrackedJobs, defaultIallocator, maintainNodeHealth, preallocWipeDisks, hvparams, beparams,
                    nicparams, ndparams, diskparams, ipolicy, tags, defaultIallocatorParams, watcherPause,
                    tcpudpPortPool, highestUsedPort, extStorageSearchPath, upgrade);
        }
    }
}
