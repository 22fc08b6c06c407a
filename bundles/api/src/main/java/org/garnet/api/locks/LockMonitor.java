package org.garnet.api.locks;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Read-only view of the lock manager: held locks and waiters, sorted by name. */
@ProviderType
public interface LockMonitor {
    List<LockInfo> locks();
}
