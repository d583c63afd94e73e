package io.pitaya.cluster.discovery;

import io.pitaya.cluster.config.SettingSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * etcd service discovery settings, Pitaya's keys ({@code pitaya.cluster.sd.etcd.*}, PROTOCOL.md §10) and defaults.
 * {@code syncservers.parallelism} is not read: a resync is one prefix GET with values.
 */
public record EtcdSettings(List<String> endpoints, String user, String pass, Duration dialTimeout, String prefix,
                           Duration heartbeatTtl, Duration syncServersInterval, Duration revokeTimeout,
                           Duration grantLeaseTimeout, int grantLeaseMaxRetries, Duration grantLeaseRetryInterval,
                           Duration shutdownDelay, Set<String> serverTypesBlacklist) {

    public static final String PREFIX = "pitaya.cluster.sd.etcd.";

    public EtcdSettings {
        endpoints = List.copyOf(endpoints);
        serverTypesBlacklist = Set.copyOf(serverTypesBlacklist);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException(PREFIX + "endpoints must name at least one etcd endpoint");
        }
        SettingSource.positive(PREFIX + "heartbeat.ttl", heartbeatTtl);
        SettingSource.positive(PREFIX + "syncservers.interval", syncServersInterval);
    }

    public static EtcdSettings from(SettingSource source) {
        return new EtcdSettings(
                source.list(PREFIX + "endpoints", List.of("localhost:2379")),
                source.string(PREFIX + "user", ""),
                source.string(PREFIX + "pass", ""),
                source.duration(PREFIX + "dialtimeout", Duration.ofSeconds(5)),
                source.string(PREFIX + "prefix", "pitaya/"),
                source.duration(PREFIX + "heartbeat.ttl", Duration.ofSeconds(60)),
                source.duration(PREFIX + "syncservers.interval", Duration.ofSeconds(120)),
                source.duration(PREFIX + "revoke.timeout", Duration.ofSeconds(5)),
                source.duration(PREFIX + "grantlease.timeout", Duration.ofSeconds(60)),
                source.integer(PREFIX + "grantlease.maxretries", 15),
                source.duration(PREFIX + "grantlease.retryinterval", Duration.ofSeconds(5)),
                source.duration(PREFIX + "shutdown.delay", Duration.ofMillis(300)),
                Set.copyOf(source.list(PREFIX + "servertypesblacklist", List.of())));
    }

    /** Endpoints as URIs jetcd accepts: Pitaya writes {@code host:port}, jetcd wants a scheme. */
    List<String> endpointUris() {
        return endpoints.stream().map(e -> e.contains("://") ? e : "http://" + e).toList();
    }

    /** The lease TTL in whole seconds, as etcd grants it (at least 1). */
    long ttlSeconds() {
        return Math.max(1, heartbeatTtl.toSeconds());
    }
}
