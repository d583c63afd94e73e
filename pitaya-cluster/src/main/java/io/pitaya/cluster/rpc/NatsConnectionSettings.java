package io.pitaya.cluster.rpc;

import io.pitaya.cluster.config.SettingSource;

import java.time.Duration;

/**
 * How one NATS connection is made and kept (Pitaya's {@code <side>.nats.*} keys, PROTOCOL.md §7 "Default timeouts /
 * buffers"). Pitaya's {@code websocketcompression} has no jnats counterpart and is not read.
 */
public record NatsConnectionSettings(String connect, Duration connectionTimeout, int maxReconnectionRetries,
                                     Duration reconnectWait, Duration reconnectJitter, Duration reconnectJitterTls,
                                     Duration pingInterval, int maxPingsOutstanding) {

    /** Reads {@code <prefix>connect}, {@code <prefix>connectiontimeout}, ... with Pitaya's defaults. */
    public static NatsConnectionSettings from(SettingSource source, String prefix) {
        return new NatsConnectionSettings(
                source.string(prefix + "connect", "nats://localhost:4222"),
                source.duration(prefix + "connectiontimeout", Duration.ofSeconds(2)),
                source.integer(prefix + "maxreconnectionretries", 15),
                source.duration(prefix + "reconnectwait", Duration.ofSeconds(1)),
                source.duration(prefix + "reconnectjitter", Duration.ofMillis(100)),
                source.duration(prefix + "reconnectjittertls", Duration.ofSeconds(1)),
                source.duration(prefix + "pinginterval", Duration.ofMinutes(2)),
                source.integer(prefix + "maxpingsoutstanding", 3));
    }
}
