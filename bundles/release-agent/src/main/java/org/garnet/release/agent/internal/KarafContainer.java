package org.garnet.release.agent.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.karaf.features.BundleInfo;
import org.apache.karaf.features.Dependency;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/**
 * The swap's container: Karaf's features service for the {@value #FEATURE} feature, the framework's bundles for
 * whether a release's bundles are active, and the core's ready file ({@code ready}: the core of that release has
 * started and says its version) for whether it is up.
 */
final class KarafContainer implements Swap.Container {
    static final String FEATURE = "garnet";
    private final FeaturesService features;
    private final BundleContext context;
    private final Path ready;

    KarafContainer(FeaturesService features, BundleContext context, Path ready) {
        this.features = features;
        this.context = context;
        this.ready = ready;
    }

    @Override
    public String running() {
        try {
            for (Feature f : features.listInstalledFeatures()) {
                if (FEATURE.equals(f.getName())) {
                    return Versions.named(f.getVersion());
                }
            }
            return "";
        } catch (Exception e) {
            return "";
        }
    }

    @Override
    public void install(String version) throws Exception {
        features.installFeature(FEATURE, Versions.osgi(version), EnumSet.of(FeaturesService.Option.Upgrade,
                FeaturesService.Option.NoFailOnFeatureNotFound));
        if (!version.equals(running())) {
            throw new IllegalStateException("release " + version + " is not installed on this node (no feature "
                    + FEATURE + "/" + version + ")");
        }
    }

    @Override
    public List<String> notUp(String version) {
        List<String> why = new ArrayList<>();
        Feature f;
        try {
            f = features.getFeature(FEATURE, Versions.osgi(version));
        } catch (Exception e) {
            f = null;
        }
        if (f == null) {
            return List.of("no feature " + FEATURE + "/" + version);
        }
        if (!version.equals(running())) {
            why.add("release " + running() + " is the installed one");
        }
        for (String location : locations(f, new LinkedHashSet<>())) {
            Bundle b = context.getBundle(location);
            if (b == null) {
                why.add(location + " is not installed");
            } else if (b.getState() != Bundle.ACTIVE && b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                why.add(b.getSymbolicName() + " " + b.getVersion() + " is not active");
            }
        }
        String said = readReady();
        if (!version.equals(said)) {
            why.add("its core has not started" + (said.isEmpty() ? "" : " (the running core says " + said + ")"));
        }
        return why;
    }

    /** The locations of the release's own bundles (its features' bundles, through their dependencies). */
    private Set<String> locations(Feature f, Set<String> seen) {
        Set<String> out = new LinkedHashSet<>();
        if (!seen.add(f.getId())) {
            return out;
        }
        for (BundleInfo b : f.getBundles()) {
            if (b.getLocation().startsWith("mvn:org.garnet/")) {
                out.add(b.getLocation());
            }
        }
        for (Dependency d : f.getDependencies()) {
            if (!d.getName().startsWith(FEATURE)) {
                continue;
            }
            try {
                Feature dep = features.getFeature(d.getName(), Versions.lowerBound(d.getVersion()));
                if (dep != null) {
                    out.addAll(locations(dep, seen));
                }
            } catch (Exception e) {
                // a dependency Karaf cannot find shows as its bundles missing
            }
        }
        return out;
    }

    private String readReady() {
        try {
            return Versions.named(Files.readString(ready).strip());
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Override
    public void pause() throws InterruptedException {
        Thread.sleep(200);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
