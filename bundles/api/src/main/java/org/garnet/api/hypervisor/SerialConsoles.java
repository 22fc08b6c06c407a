package org.garnet.api.hypervisor;

import java.io.InputStream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The serial consoles of the cluster's instances, wherever they run: the master reaches the primary node's
 * daemon, which streams the hypervisor's console socket.
 */
@ProviderType
public interface SerialConsoles {
    /**
     * What the running instance's serial console prints from now on, until the stream is closed; a
     * {@code GanetiException} says why not (no such instance, not running, no serial console, node unreachable).
     */
    InputStream open(String instanceName);

    /**
     * Types {@code input} into the running instance's serial console (the keys a console's user pressed); a
     * {@code GanetiException} says why not, as for {@link #open}.
     */
    void type(String instanceName, byte[] input);
}
