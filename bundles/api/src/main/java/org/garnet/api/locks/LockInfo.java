package org.garnet.api.locks;

import java.util.List;

/**
 * One lock as {@code gnt-debug locks} shows it: name ({@code level/name}), mode held ({@code shared},
 * {@code exclusive} or null), owners ({@code job/N}) and pending requests ({@code mode:owner,...}).
 */
public record LockInfo(String name, String mode, List<String> owners, List<String> pending) {
    public LockInfo {
        owners = List.copyOf(owners);
        pending = List.copyOf(pending);
    }
}
