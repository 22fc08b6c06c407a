package org.garnet.disk.ext.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.stream.Stream;
import org.garnet.api.storage.ExtStorageProvider;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.BundleTracker;

/**
 * Provider bundles: a bundle whose manifest says {@code Garnet-ExtStorage: loop} carries the provider's files
 * under {@code extstorage/<name>/} (Ganeti's layout). While the bundle is active its files are unpacked to
 * {@code <data root>/extstorage-bundles/<bundle>-<id>/<name>/} (scripts made executable) and an
 * {@link ExtStorageProvider} service with {@code extstorage.provider=<name>} runs them; stopping, updating or
 * uninstalling the bundle takes both away (a newer version of the bundle brings its own).
 */
@Component(immediate = true, configurationPid = {"org.garnet.core", ExtConfig.PID},
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class ProviderBundles {
    public static final String HEADER = "Garnet-ExtStorage";
    private final BundleTracker<List<ServiceRegistration<ExtStorageProvider>>> tracker;
    private final Path root;
    private final ExtConfig config;

    @Activate
    public ProviderBundles(BundleContext context, ExtConfig config) {
        this.config = config;
        this.root = ExtSettings.dataRoot(config).resolve("extstorage-bundles");
        this.tracker = new BundleTracker<>(context, Bundle.ACTIVE, null) {
            @Override
            public List<ServiceRegistration<ExtStorageProvider>> addingBundle(Bundle bundle, BundleEvent event) {
                String header = bundle.getHeaders().get(HEADER);
                return header == null ? null : publish(context, bundle, header);
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event,
                                      List<ServiceRegistration<ExtStorageProvider>> regs) {
                regs.forEach(r -> {
                    try {
                        r.unregister();
                    } catch (IllegalStateException ignored) {
                        // already gone with the framework
                    }
                });
                delete(dirOf(bundle));
            }
        };
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    private List<ServiceRegistration<ExtStorageProvider>> publish(BundleContext context, Bundle bundle,
                                                                 String header) {
        List<ServiceRegistration<ExtStorageProvider>> regs = new ArrayList<>();
        Path dir = dirOf(bundle);
        delete(dir);
        for (String raw : header.split(",")) {
            String name = raw.strip();
            if (name.isEmpty()) {
                continue;
            }
            Path target = dir.resolve(name);
            try {
                unpack(bundle, "extstorage/" + name + "/", target);
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger(ProviderBundles.class).error(
                        "ExtStorage provider {} of bundle {} cannot be unpacked to {}", name,
                        bundle.getSymbolicName(), target, e);
                continue;
            }
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(ExtStorageProvider.PROVIDER, name);
            props.put("extstorage.bundle", bundle.getSymbolicName());
            props.put("extstorage.bundle.version", bundle.getVersion().toString());
            props.put("extstorage.dir", target.toString());
            regs.add(context.registerService(ExtStorageProvider.class, new ScriptProvider(name, target,
                    ExtSettings.logDir(), ExtSettings.timeout(config)), props));
        }
        return regs;
    }

    private static void unpack(Bundle bundle, String prefix, Path target) throws IOException {
        Files.createDirectories(target);
        Enumeration<URL> entries = bundle.findEntries(prefix, "*", true);
        if (entries == null) {
            throw new IOException("the bundle has no " + prefix);
        }
        while (entries.hasMoreElements()) {
            URL url = entries.nextElement();
            String rel = url.getPath().substring(url.getPath().indexOf(prefix) + prefix.length());
            if (rel.isEmpty() || rel.endsWith("/")) {
                Files.createDirectories(target.resolve(rel));
                continue;
            }
            Path out = target.resolve(rel).normalize();
            if (!out.startsWith(target)) {
                throw new IOException("entry " + rel + " leaves the provider's directory");
            }
            Files.createDirectories(out.getParent());
            try (InputStream in = url.openStream()) {
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            }
            if (ScriptProvider.SCRIPTS.contains(rel) || ScriptProvider.OPTIONAL.contains(rel)) {
                out.toFile().setExecutable(true, false);
            }
        }
    }

    private Path dirOf(Bundle bundle) {
        return root.resolve(bundle.getSymbolicName() + "-" + bundle.getBundleId());
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(ProviderBundles.class).warn("cannot remove {}", dir, e);
        }
    }
}
