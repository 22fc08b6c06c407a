package org.garnet.core.internal.drivers;

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
import org.garnet.api.os.OsDefinition;
import org.garnet.core.internal.CoreConfig;
import org.garnet.core.internal.DataRoot;
import org.garnet.core.internal.os.DirectoryOs;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.BundleTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes script-only OS bundles work: a bundle whose manifest says {@code Garnet-OS: image, debootstrap} carries
 * each OS's files under {@code os/<name>/} (Ganeti's layout). While the bundle is active, its files are unpacked
 * to {@code <data root>/os-bundles/<bundle>/<name>/} (scripts made executable) and an {@link OsDefinition} service
 * with {@code os.name=<name>} is registered; stopping or uninstalling the bundle takes both away.
 */
@Component(immediate = true, configurationPid = CoreConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class OsBundleExtender {
    public static final String HEADER = "Garnet-OS";
    private static final Logger LOG = LoggerFactory.getLogger(OsBundleExtender.class);

    private final BundleTracker<List<ServiceRegistration<OsDefinition>>> tracker;
    private final Path root;

    @Activate
    public OsBundleExtender(BundleContext context, CoreConfig config) {
        this.root = DataRoot.of(config).resolve("os-bundles");
        this.tracker = new BundleTracker<>(context, Bundle.ACTIVE, null) {
            @Override
            public List<ServiceRegistration<OsDefinition>> addingBundle(Bundle bundle, BundleEvent event) {
                String header = bundle.getHeaders().get(HEADER);
                return header == null ? null : publish(context, bundle, header);
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event,
                                      List<ServiceRegistration<OsDefinition>> regs) {
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

    private List<ServiceRegistration<OsDefinition>> publish(BundleContext context, Bundle bundle, String header) {
        List<ServiceRegistration<OsDefinition>> regs = new ArrayList<>();
        Path dir = dirOf(bundle);
        delete(dir);
        for (String raw : header.split(",")) {
            String name = raw.strip();
            if (name.isEmpty()) {
                continue;
            }
            Path target = dir.resolve(name);
            try {
                unpack(bundle, "os/" + name + "/", target);
            } catch (IOException e) {
                LOG.error("OS {} of bundle {} cannot be unpacked to {}", name, bundle.getSymbolicName(), target, e);
                continue;
            }
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(OsDefinition.NAME, name);
            props.put("os.bundle", bundle.getSymbolicName());
            regs.add(context.registerService(OsDefinition.class, new DirectoryOs(name, target), props));
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
                throw new IOException("entry " + rel + " leaves the OS directory");
            }
            Files.createDirectories(out.getParent());
            try (InputStream in = url.openStream()) {
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            }
            if (!rel.contains("/") && !rel.contains(".") && !rel.equals("ganeti_api_version")) {
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
            LOG.warn("cannot remove {}", dir, e);
        }
    }
}
