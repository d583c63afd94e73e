package io.pitaya.cluster.rpc;

import io.pitaya.cluster.config.SettingSource;

/**
 * The RPC server's settings: {@code pitaya.cluster.rpc.server.nats.*}. {@code services} requests run at once and
 * {@code buffer.messages} more wait (Pitaya's worker goroutines and channel); user pushes wait in a buffer of
 * {@code buffer.push}, kicks and bindings in one of {@code buffer.messages}.
 */
public record NatsServerSettings(NatsConnectionSettings connection, int bufferMessages, int bufferPush,
                                 int services) {

    public static final String PREFIX = "pitaya.cluster.rpc.server.nats.";

    public NatsServerSettings {
        SettingSource.positive(PREFIX + "buffer.messages", bufferMessages);
        SettingSource.positive(PREFIX + "buffer.push", bufferPush);
        SettingSource.positive(PREFIX + "services", services);
    }

    public static NatsServerSettings from(SettingSource source) {
        return new NatsServerSettings(NatsConnectionSettings.from(source, PREFIX),
                source.integer(PREFIX + "buffer.messages", 75),
                source.integer(PREFIX + "buffer.push", 100),
                source.integer(PREFIX + "services", 30));
    }
}
