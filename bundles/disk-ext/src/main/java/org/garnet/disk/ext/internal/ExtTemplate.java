package org.garnet.disk.ext.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.garnet.api.ErrorClass;
import org.garnet.api.ErrorCode;
import org.garnet.api.GanetiException;
import org.garnet.api.ParamDoc;
import org.garnet.api.model.Disk;
import org.garnet.api.storage.BlockDevice;
import org.garnet.api.storage.DiskRequest;
import org.garnet.api.storage.DiskTemplate;
import org.garnet.api.storage.ExtStorageInfo;
import org.garnet.api.storage.ExtStorageProvider;
import org.garnet.api.storage.ExtVolume;
import org.garnet.api.storage.StorageSpace;
import org.garnet.api.storage.TemplateTraits;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Ganeti's {@code ext} template: each disk is a volume of an ExtStorage provider, named
 * {@code <disk uuid>.ext.disk<N>}, logical id {@code [provider, volume]}, the disk's parameters ({@code provider},
 * {@code access} and the provider's own) passed to its scripts as {@code EXTP_*}. Providers are the
 * {@link ExtStorageProvider} services (provider bundles; property {@value ExtStorageProvider#PROVIDER}) and, as in
 * Ganeti, the directories of the ExtStorage search path. Externally mirrored: an instance migrates to any node
 * where its providers are.
 */
@Component(service = DiskTemplate.class, property = DiskTemplate.TEMPLATE + "=ext",
        configurationPid = {"org.garnet.core", ExtConfig.PID}, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class ExtTemplate implements DiskTemplate {
    /** The disk parameters that are Ganeti's, not the provider's (the core passes these and the provider's own). */
    static final Set<String> DISK_KEYS = Set.of("provider", "access");
    private final Map<String, ExtStorageProvider> bundled = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile ExtConfig config;

    @Activate
    public ExtTemplate(ExtConfig config) {
        this.config = config;
    }

    @Modified
    void modified(ExtConfig c) {
        this.config = c;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(ExtStorageProvider p, Map<String, Object> props) {
        Object name = props.get(ExtStorageProvider.PROVIDER);
        if (name != null) {
            bundled.put(name.toString(), p);
        }
    }

    void removeProvider(ExtStorageProvider p, Map<String, Object> props) {
        Object name = props.get(ExtStorageProvider.PROVIDER);
        if (name != null) {
            bundled.remove(name.toString(), p);
        }
    }

    @Override
    public TemplateTraits traits() {
        return new TemplateTraits(false, true, false, true, true, false, 1); // snapshots: the provider's script
    }

    @Override
    public BlockDevice create(DiskRequest request) {
        String provider = providerOf(request.params());
        ExtStorageProvider p = provider(provider);
        String vol = request.diskUuid() + ".ext.disk" + request.index();
        ExtVolume v = new ExtVolume(vol, request.sizeMiB(), request.diskUuid(), null, strings(request.params()));
        p.create(v);
        try {
            p.setInfo(v, metadata(request.instanceName()));
        } catch (RuntimeException e) {
            try {
                p.remove(v); // nothing half-created stays behind
            } catch (RuntimeException ignored) {
                // the setinfo failure is the one to report
            }
            throw e;
        }
        return new BlockDevice(List.of(provider, vol), "", null);
    }

    @Override
    public BlockDevice assemble(Disk disk) {
        ExtStorageProvider p = provider(providerOf(disk));
        List<String> lines = p.attach(volume(disk));
        String path = lines.isEmpty() ? "" : lines.get(0).strip();
        List<String> uris = lines.size() > 1 ? lines.subList(1, lines.size()) : List.of();
        if (path.isEmpty() && uris.stream().allMatch(String::isBlank)) {
            throw error("ExtStorage provider '" + providerOf(disk) + "' gave neither a block device nor a userspace"
                    + " URI for volume " + volumeName(disk) + " (its attach script printed nothing)");
        }
        if (!path.isEmpty() && !isBlockDevice(Path.of(path))) {
            throw error("ExtStorage provider '" + providerOf(disk) + "' attached volume " + volumeName(disk)
                    + " as " + path + ", which is not a block device");
        }
        // every hypervisor:uri line (the core picks the instance's hypervisor's for access=userspace)
        String uri = String.join("\n", uris.stream().map(String::strip).filter(u -> !u.isEmpty()).toList());
        return new BlockDevice(disk.logicalId(), path.isEmpty() ? null : path, uri.isEmpty() ? null : uri);
    }

    @Override
    public void shutdown(Disk disk) {
        provider(providerOf(disk)).detach(volume(disk));
    }

    /** The provider's {@code open} with {@code VOL_OPEN_EXCLUSIVE} (skipped when it has none, as Ganeti). */
    @Override
    public void open(Disk disk, boolean exclusive) {
        provider(providerOf(disk)).open(volume(disk), exclusive);
    }

    @Override
    public void close(Disk disk) {
        provider(providerOf(disk)).close(volume(disk));
    }

    /** Ganeti's ExtStorage snapshot: {@code <volume>.snap} of the volume's size, by the provider's script. */
    @Override
    public List<String> snapshot(Disk disk) {
        String snap = volumeName(disk) + ".snap";
        provider(providerOf(disk)).snapshot(volume(disk), snap, disk.size());
        return List.of(providerOf(disk), snap);
    }

    @Override
    public void grow(Disk disk, long newSizeMiB) {
        if (newSizeMiB <= disk.size()) {
            throw error("Can't shrink volume " + volumeName(disk) + " from " + disk.size() + " to " + newSizeMiB
                    + " MiB");
        }
        provider(providerOf(disk)).grow(volume(disk), newSizeMiB);
    }

    /** Ganeti's removal: detached first, then removed. */
    @Override
    public void remove(Disk disk) {
        ExtStorageProvider p = provider(providerOf(disk));
        ExtVolume v = volume(disk);
        p.detach(v);
        p.remove(v);
    }

    /** ExtStorage has no space figures Ganeti reads (no free-space check for {@code ext}). */
    @Override
    public StorageSpace space(DiskRequest.Location location) {
        return new StorageSpace("ext", "", 0, 0);
    }

    @Override
    public long usedMiB(DiskRequest.Location location) {
        return 0;
    }

    /**
     * Before anything is created: a provider is given, found here, and knows every parameter given (its
     * {@code parameters.list}).
     */
    @Override
    public void checkDisk(Map<String, Object> params) {
        String name = providerOf(params);
        ExtStorageProvider p = provider(name);
        Set<String> known = p.parameters().stream().map(ParamDoc::name).collect(Collectors.toSet());
        for (String key : new java.util.TreeSet<>(params.keySet())) {
            if (!DISK_KEYS.contains(key) && !known.contains(key)) {
                throw GanetiException.prereq("ExtStorage provider '" + name + "' does not support parameter '" + key
                        + "' (supported: " + (known.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(
                        known))) + ")", ErrorCode.ECODE_INVAL);
            }
        }
    }

    /**
     * The providers this node has: each bundle's, then each directory of the search path (the first of a name
     * counts, as in Ganeti's lookup), usable or with Ganeti's reason why not.
     */
    @Override
    public List<ExtStorageInfo> extStorageProviders() {
        Map<String, ExtStorageInfo> out = new TreeMap<>();
        bundled.forEach((n, p) -> out.put(n, info(n, p instanceof ScriptProvider s ? s.dir().toString()
                : "bundle " + n, p)));
        for (Path dir : ExtSettings.searchPath(config)) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (var s = Files.list(dir)) {
                s.filter(Files::isDirectory).sorted().forEach(d -> {
                    String n = d.getFileName().toString();
                    if (!out.containsKey(n)) {
                        String problem = ScriptProvider.problem(d);
                        out.put(n, problem != null ? new ExtStorageInfo(n, d.toString(), false, problem, List.of())
                                : info(n, d.toString(), new ScriptProvider(n, d, ExtSettings.logDir(),
                                ExtSettings.timeout(config))));
                    }
                });
            } catch (java.io.IOException e) {
                // an unreadable search path directory has no providers
            }
        }
        return List.copyOf(out.values());
    }

    private static ExtStorageInfo info(String name, String path, ExtStorageProvider p) {
        try {
            return new ExtStorageInfo(name, path, true, "", p.parameters());
        } catch (RuntimeException e) {
            return new ExtStorageInfo(name, path, false, e.getMessage(), List.of());
        }
    }

    /**
     * The provider named {@code name}: a provider bundle's, else the first directory of that name in the search
     * path (Ganeti's lookup); an error naming it and the search path when there is neither.
     */
    ExtStorageProvider provider(String name) {
        ExtStorageProvider p = bundled.get(name);
        if (p != null) {
            return p;
        }
        List<Path> path = ExtSettings.searchPath(config);
        for (Path dir : path) {
            Path d = dir.resolve(name);
            if (Files.isDirectory(d)) {
                String problem = ScriptProvider.problem(d);
                if (problem != null) {
                    throw GanetiException.prereq("ExtStorage provider '" + name + "' is not usable on this node: "
                            + problem, ErrorCode.ECODE_ENVIRON);
                }
                return new ScriptProvider(name, d, ExtSettings.logDir(), ExtSettings.timeout(config));
            }
        }
        throw GanetiException.prereq("ExtStorage provider '" + name + "' not found on this node (no provider bundle,"
                + " and no directory for it in the search path " + path.stream().map(Path::toString)
                .collect(Collectors.joining(":")) + ")", ErrorCode.ECODE_NOENT);
    }

    private static String providerOf(Map<String, Object> params) {
        Object p = params.get("provider");
        if (p == null || p.toString().isBlank()) {
            throw GanetiException.prereq("Missing provider for template 'ext'", ErrorCode.ECODE_INVAL);
        }
        return p.toString();
    }

    private static String providerOf(Disk disk) {
        if (disk.logicalId().size() != 2) {
            throw error("Disk " + disk.uuid() + " has no ExtStorage provider and volume in its logical id "
                    + disk.logicalId());
        }
        return disk.logicalId().get(0);
    }

    private static String volumeName(Disk disk) {
        return disk.logicalId().size() == 2 ? disk.logicalId().get(1) : disk.uuid();
    }

    private static ExtVolume volume(Disk disk) {
        return new ExtVolume(volumeName(disk), disk.size(), disk.uuid(), disk.name(), strings(disk.params()));
    }

    private static Map<String, String> strings(Map<String, Object> params) {
        Map<String, String> out = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (v != null && !"size".equals(k) && !"mode".equals(k) && !"name".equals(k)) {
                out.put(k, String.valueOf(v));
            }
        });
        return out;
    }

    /** Ganeti's setinfo text for a volume: {@code originstname+<instance>}, made of safe characters, at most 128. */
    static String metadata(String instanceName) {
        String text = "originstname+" + instanceName;
        text = text.replaceAll("^[^A-Za-z0-9_+.]", "_").replaceAll("[^-A-Za-z0-9_+.]", "_");
        return text.length() > 128 ? text.substring(0, 128) : text;
    }

    private static boolean isBlockDevice(Path p) {
        try {
            Object mode = Files.getAttribute(p, "unix:mode");
            return mode instanceof Integer m && (m & 0170000) == 0060000;
        } catch (java.io.IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    static GanetiException error(String message) {
        return new GanetiException(ErrorClass.BlockDeviceError, message, null);
    }
}
