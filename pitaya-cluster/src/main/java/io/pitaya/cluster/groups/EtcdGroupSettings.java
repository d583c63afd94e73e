package io.pitaya.cluster.groups;

import io.pitaya.cluster.config.SettingSource;

import java.time.Duration;
import java.util.List;

/**
 * etcd group service settings, Pitaya's keys ({@code pitaya.groups.etcd.*}, PROTOCOL.md §10) and defaults.
 *
 * @param endpoints          etcd endpoints, {@code host:port} or URLs
 * @param dialTimeout        how long the start waits for etcd to answer
 * @param prefix             the client's key namespace: groups live under {@code <prefix>groups/}
 * @param transactionTimeout bound of each etcd call of a group operation
 */
public record EtcdGroupSettings(List<String> endpoints, Duration dialTimeout, String prefix,
                                Duration transactionTimeout) {

    public static final String PREFIX = "pitaya.groups.etcd.";

    public EtcdGroupSettings {
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException(PREFIX + "endpoints must name at least one etcd endpoint");
        }
        SettingSource.positive(PREFIX + "dialtimeout", dialTimeout);
        SettingSource.positive(PREFIX + "transactiontimeout", transactionTimeout);
    }

    public static EtcdGroupSettings from(SettingSource source) {
        return new EtcdGroupSettings(
                source.list(PREFIX + "endpoints", List.of("localhost:2379")),
                source.duration(PREFIX + "dialtimeout", Duration.ofSeconds(5)),
                source.string(PREFIX + "prefix", "pitaya/"),
                source.duration(PREFIX + "transactiontimeout", Duration.ofSeconds(5)));
    }

    /** Endpoints as URIs jetcd accepts: Pitaya writes {@code host:port}, jetcd wants a scheme. */
    List<String> endpointUris() {
        return endpoints.stream().map(e -> e.contains("://") ? e : "http://" + e).toList();
    }
}
