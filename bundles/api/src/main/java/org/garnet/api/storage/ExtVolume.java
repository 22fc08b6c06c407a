package org.garnet.api.storage;

import java.util.Map;

/**
 * An ExtStorage volume as the provider scripts see it: {@code VOL_NAME}, {@code VOL_SIZE} (MiB),
 * {@code VOL_UUID}, {@code VOL_CNAME}, and {@code EXTP_*} parameters.
 */
public record ExtVolume(String name, long sizeMiB, String uuid, String cname, Map<String, String> params) {
    public ExtVolume {
        params = Map.copyOf(params);
    }
}
