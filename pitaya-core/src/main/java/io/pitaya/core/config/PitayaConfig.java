package io.pitaya.core.config;

import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketDecoder;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.UUID;

/**
 * The typed settings of one server, read from MicroProfile Config with Pitaya's key names and defaults.
 * Read once at startup; changes need a redeploy.
 */
public record PitayaConfig(
        String serverType,
        String serverId,
        Duration heartbeatInterval,
        boolean compression,
        int agentMessageBuffer,
        Duration writeTimeout,
        int serializerType,
        int maxPacketBodyLength) {

    public static final String SERVER_TYPE = "pitaya.server.type";
    public static final String SERVER_ID = "pitaya.server.id";
    public static final String HEARTBEAT_INTERVAL = "pitaya.heartbeat.interval";
    public static final String COMPRESSION = "pitaya.handler.messages.compression";
    public static final String AGENT_MESSAGES = "pitaya.buffer.agent.messages";
    public static final String WRITE_TIMEOUT = "pitaya.buffer.agent.conntimeout";
    public static final String SERIALIZER_TYPE = "pitaya.serializertype";
    public static final String MAX_PACKET_SIZE = "pitaya.acceptor.maxpacketsize";
    /** Largest packet body before the handshake (not in Go Pitaya): a bound for peers that never handshake. */
    public static final String MAX_HANDSHAKE_SIZE = "pitaya.acceptor.maxhandshakesize";

    public PitayaConfig {
        if (serverType.isBlank() || serverType.contains("/") || serverType.contains(".")) {
            throw new IllegalArgumentException(SERVER_TYPE + " must be a non-empty name without '/' or '.': " + serverType);
        }
        long seconds = heartbeatInterval.getSeconds();
        if (seconds < 1 || heartbeatInterval.toNanosPart() != 0) {
            // clients read sys.heartbeat as an integer; 0 or a fraction breaks libpitaya and the Go client
            throw new IllegalArgumentException(HEARTBEAT_INTERVAL + " must be a whole number of seconds >= 1s: " + heartbeatInterval);
        }
        if (agentMessageBuffer < 1) {
            throw new IllegalArgumentException(AGENT_MESSAGES + " must be >= 1");
        }
        if (maxPacketBodyLength < 1 || maxPacketBodyLength > PacketCodec.MAX_BODY_LENGTH) {
            throw new IllegalArgumentException(MAX_PACKET_SIZE + " must be within 1.." + PacketCodec.MAX_BODY_LENGTH);
        }
        if (serializerType != 1 && serializerType != 2) {
            throw new IllegalArgumentException(SERIALIZER_TYPE + " must be 1 (json) or 2 (protobuf)");
        }
    }

    /** Defaults only; handy for tests and tools. */
    public static PitayaConfig defaults() {
        return new PitayaConfig("game", UUID.randomUUID().toString(), Duration.ofSeconds(30), true, 100,
                Duration.ofSeconds(10), 1, PacketCodec.MAX_BODY_LENGTH);
    }

    public static PitayaConfig from(Config config) {
        PitayaConfig d = defaults();
        return new PitayaConfig(
                ConfigReader.string(config, SERVER_TYPE).orElse(d.serverType()),
                ConfigReader.string(config, SERVER_ID).orElse(d.serverId()),
                ConfigReader.duration(config, HEARTBEAT_INTERVAL, d.heartbeatInterval()),
                config.getOptionalValue(COMPRESSION, Boolean.class).orElse(d.compression()),
                config.getOptionalValue(AGENT_MESSAGES, Integer.class).orElse(d.agentMessageBuffer()),
                ConfigReader.duration(config, WRITE_TIMEOUT, d.writeTimeout()),
                config.getOptionalValue(SERIALIZER_TYPE, Integer.class).orElse(d.serializerType()),
                config.getOptionalValue(MAX_PACKET_SIZE, Integer.class).orElse(d.maxPacketBodyLength()));
    }

    /** {@value #MAX_HANDSHAKE_SIZE}, default {@value PacketDecoder#DEFAULT_MAX_HANDSHAKE_LENGTH}. */
    public static int maxHandshakeBodyLength(Config config) {
        int bytes = config.getOptionalValue(MAX_HANDSHAKE_SIZE, Integer.class).orElse(PacketDecoder.DEFAULT_MAX_HANDSHAKE_LENGTH);
        if (bytes < 1 || bytes > PacketCodec.MAX_BODY_LENGTH) {
            throw new IllegalArgumentException(MAX_HANDSHAKE_SIZE + " must be within 1.." + PacketCodec.MAX_BODY_LENGTH);
        }
        return bytes;
    }
}
