package org.garnet.core.internal.rpc;

import java.time.Duration;

/** Ganeti's node RPC timeout classes (src/Ganeti/Types.hs {@code RpcTimeout}). */
public enum RpcTimeout {
    URGENT(60), FAST(300), NORMAL(900), SLOW(3600), FOUR_HOURS(14400), ONE_DAY(86400);

    private final Duration duration;

    RpcTimeout(int seconds) {
        this.duration = Duration.ofSeconds(seconds);
    }

    public Duration duration() {
        return duration;
    }
}
