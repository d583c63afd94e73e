package io.pitaya.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitaya.client.transport.TransportConfig;
import io.pitaya.protocol.handshake.HandshakeRequest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Immutable snapshot of a {@link PitayaClient.Builder}; created by {@link PitayaClient.Builder#build()}. */
public final class ClientOptions {

    private final HandshakeRequest handshakeRequest;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final boolean compressPayloads;
    private final int maxPacketSize;
    private final int heartbeatTimeoutFactor;
    private final TransportConfig transportConfig;
    private final ObjectMapper objectMapper;
    private final List<ConnectionListener> connectionListeners;
    private final List<PushListener> pushListeners;
    private final Map<String, List<PushListener>> routePushListeners;

    ClientOptions(PitayaClient.Builder b) {
        this.handshakeRequest = new HandshakeRequest(b.platform, b.libVersion, b.clientBuildNumber,
                b.clientVersion, copyAllowingNulls(b.extraSys), copyAllowingNulls(b.user));
        this.requestTimeout = b.requestTimeout;
        this.connectTimeout = b.connectTimeout;
        this.compressPayloads = b.compressPayloads;
        this.maxPacketSize = b.maxPacketSize;
        this.heartbeatTimeoutFactor = b.heartbeatTimeoutFactor;
        this.transportConfig = new TransportConfig(b.connectTimeout, b.sslContext, b.trustAllCertificates);
        this.objectMapper = b.objectMapper != null ? b.objectMapper : new ObjectMapper();
        this.connectionListeners = List.copyOf(b.connectionListeners);
        this.pushListeners = List.copyOf(b.pushListeners);
        this.routePushListeners = b.routePushListeners.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    }

    private static Map<String, Object> copyAllowingNulls(Map<String, Object> m) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m));
    }

    public HandshakeRequest handshakeRequest() {
        return handshakeRequest;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public boolean compressPayloads() {
        return compressPayloads;
    }

    public int maxPacketSize() {
        return maxPacketSize;
    }

    public int heartbeatTimeoutFactor() {
        return heartbeatTimeoutFactor;
    }

    public TransportConfig transportConfig() {
        return transportConfig;
    }

    public ObjectMapper objectMapper() {
        return objectMapper;
    }

    public List<ConnectionListener> connectionListeners() {
        return connectionListeners;
    }

    public List<PushListener> pushListeners() {
        return pushListeners;
    }

    public Map<String, List<PushListener>> routePushListeners() {
        return routePushListeners;
    }
}
