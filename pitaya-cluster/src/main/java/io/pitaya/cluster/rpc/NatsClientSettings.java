package io.pitaya.cluster.rpc;

import io.pitaya.cluster.config.SettingSource;

import java.time.Duration;

/** The RPC client's settings: {@code pitaya.cluster.rpc.client.nats.*}. */
public record NatsClientSettings(NatsConnectionSettings connection, Duration requestTimeout) {

    public static final String PREFIX = "pitaya.cluster.rpc.client.nats.";

    public NatsClientSettings {
        SettingSource.positive(PREFIX + "requesttimeout", requestTimeout);
    }

    public static NatsClientSettings from(SettingSource source) {
        return new NatsClientSettings(NatsConnectionSettings.from(source, PREFIX),
                source.duration(PREFIX + "requesttimeout", Duration.ofSeconds(5)));
    }
}
