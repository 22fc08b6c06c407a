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
 * The swap's container: Karaf's features service for the {@value #FEATURE} feature and the drivers' features
 * required beside it (each driver is a root feature of its own, so that {@code feature:install -u} replaces one
 * alone; a release's swap takes them all to the release's version), the framework's bundles for
 * whether a release's bundles are active, and the core's ready file ({@code ready}: the core of that release has
 * started and says its version) for whether it is up.
 */
final class KarafContainer implements Swap.Container {
    static final String FEATURE = "garnet";
    /** This agent's own feature: a root feature the swaps leave alone. */
    static final String AGENT_FEATURE = "garnet-release-agent";
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
        // one change: the release's feature and its drivers' (Upgrade: the other versions of each go)
        features.installFeatures(roots(version), EnumSet.of(FeaturesService.Option.Upgrade,
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
        Set<String> seen = new LinkedHashSet<>();
        Set<String> mine = locations(f, seen);
        Set<String> roots;
        try {
            roots = roots(version);
        } catch (Exception e) {
            roots = Set.of();
            why.add("Karaf's features service does not answer: " + e.getMessage());
        }
        for (String id : roots) {
            String[] nv = id.split("/", 2);
            if (!nv[0].equals(FEATURE)) {
                try {
                    Feature d = features.getFeature(nv[0], nv[1]);
                    if (d != null) {
                        mine.addAll(locations(d, seen));
                    }
                } catch (Exception e) {
                    why.add("no feature " + id);
                }
            }
        }
        for (String location : mine) {
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

    /**
     * The root features of release {@code version}: {@value #FEATURE} and, in that version, each Garnet driver
     * feature required now (by the boot or a {@code feature:install}), whatever its version.
     */
    private Set<String> roots(String version) throws Exception {
        String v = Versions.osgi(version);
        Set<String> ids = new LinkedHashSet<>();
        ids.add(FEATURE + "/" + v);
        for (Feature f : features.listRequiredFeatures()) {
            String name = f.getName();
            if (name.startsWith(FEATURE + "-") && !name.equals(AGENT_FEATURE)
                    && features.getFeature(name, v) != null) {
                ids.add(name + "/" + v);
            }
        }
        return ids;
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
            if (!d.getName().startsWith(FEATURE) || d.isDependency()) {
                continue; // a driver's API and infrastructure: whatever the release's own features installed
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
