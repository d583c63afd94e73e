package io.pitaya.cluster.module;

import io.pitaya.cluster.config.SettingSource;
import io.pitaya.cluster.discovery.EtcdSettings;
import io.pitaya.cluster.rpc.NatsClientSettings;
import io.pitaya.cluster.rpc.NatsServerSettings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cluster mode's configuration: off unless {@code pitaya.cluster.enabled=true} (standalone is the default); whether
 * this server holds client connections ({@code pitaya.server.frontend}, default true), its metadata in etcd
 * ({@code pitaya.server.metadata}, {@code key=value} pairs separated by commas), whether a user may be connected to
 * one frontend of a type only ({@code pitaya.session.unique}, default true as in Pitaya) and the etcd and NATS
 * settings.
 */
public record ClusterSettings(boolean enabled, boolean frontend, Map<String, String> metadata, EtcdSettings etcd,
                              NatsServerSettings rpcServer, NatsClientSettings rpcClient, boolean uniqueSessions) {

    public static final String ENABLED = "pitaya.cluster.enabled";
    public static final String FRONTEND = "pitaya.server.frontend";
    public static final String METADATA = "pitaya.server.metadata";
    public static final String UNIQUE_SESSIONS = "pitaya.session.unique";

    public ClusterSettings {
        metadata = Map.copyOf(metadata);
    }

    public static ClusterSettings from(SettingSource source) {
        return new ClusterSettings(source.bool(ENABLED, false), source.bool(FRONTEND, true),
                metadata(source.string(METADATA, "")), EtcdSettings.from(source), NatsServerSettings.from(source),
                NatsClientSettings.from(source), source.bool(UNIQUE_SESSIONS, true));
    }

    private static Map<String, String> metadata(String pairs) {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (String pair : pairs.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(METADATA + " must be key=value pairs separated by commas: " + pairs);
            }
            metadata.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return metadata;
    }
}
