package org.garnet.release.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.garnet.api.GanetiException;
import org.garnet.api.release.Releases;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * This node's releases as Karaf's features service knows them: every version of the {@value Releases#FEATURE}
 * feature in its repositories (the appliance's own, and each {@code garnet-V.kar} unpacked from {@code deploy/}),
 * and the installed one.
 */
@Component(service = Releases.class)
public class KarafReleases implements Releases {
    private final FeaturesService features;

    @Activate
    public KarafReleases(@Reference FeaturesService features) {
        this.features = features;
    }

    @Override
    public String running() {
        try {
            return Arrays.stream(features.listInstalledFeatures()).filter(f -> FEATURE.equals(f.getName()))
                    .map(f -> ReleaseVersions.named(f.getVersion())).max(ReleaseVersions.ORDER).orElse("");
        } catch (Exception e) {
            throw GanetiException.exec("Cannot list the installed features: " + e.getMessage());
        }
    }

    @Override
    public List<String> installed() {
        try {
            return ReleaseVersions.of(FEATURE, Arrays.stream(features.listFeatures())
                    .map(f -> Map.entry(f.getName(), f.getVersion())).toList());
        } catch (Exception e) {
            throw GanetiException.exec("Cannot list the features: " + e.getMessage());
        }
    }
}
