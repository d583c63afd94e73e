package io.pitaya.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitaya.client.impl.DefaultPitayaClient;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.handshake.HandshakeResponse;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A client connection to a Pitaya frontend server.
 *
 * <pre>{@code
 * try (PitayaClient client = PitayaClient.builder()
 *         .requestTimeout(Duration.ofSeconds(3))
 *         .onPush("onMessage", (route, data) -> System.out.println(new String(data)))
 *         .build()) {
 *     client.connect(URI.create("ws://localhost:3250"));
 *     Response r = client.request("room.room.join", Map.of("name", "bob")).get();
 * }
 * }</pre>
 *
 * <p>Supported URIs: {@code ws://host:port/path}, {@code wss://...}, {@code tcp://host:port},
 * {@code tls://host:port}. A client connects once; after it is closed (by {@link #close()}, a kick, a
 * heartbeat timeout or the server) create a new one.
 *
 * <p>All methods are thread-safe. Listeners and the completion of returned futures run on threads
 * owned by the client, never on the I/O thread.
 */
public interface PitayaClient extends AutoCloseable {

    /** A new builder with libpitaya-like defaults. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Connects and performs the Pitaya handshake, blocking until it completes (bounded by the connect timeout).
     *
     * @return the server's handshake response (code 200)
     * @throws PitayaHandshakeException if the server rejected the handshake
     * @throws PitayaClientException    if the connection failed ({@code PIT-503}), timed out ({@code PIT-504})
     *                                  or the calling thread was interrupted
     * @throws IllegalStateException    if this client was already connected or closed
     */
    HandshakeResponse connect(URI uri);

    /** {@link #connect(URI)} with a string URI. */
    default HandshakeResponse connect(String uri) {
        return connect(URI.create(uri));
    }

    /**
     * Connects asynchronously. The future fails with the exceptions listed in {@link #connect(URI)}.
     *
     * @throws IllegalStateException if this client was already connected or closed
     */
    CompletableFuture<HandshakeResponse> connectAsync(URI uri);

    /** Whether the handshake completed and the connection is still open. */
    boolean isConnected();

    /** The handshake response of the current connection, or {@code null} before it completed. */
    HandshakeResponse handshake();

    /**
     * Sends a request with the default timeout. The future completes with the server's response (which may be
     * an error response, see {@link Response#isError()}), or exceptionally with a {@link PitayaClientException}:
     * {@code PIT-504} on timeout, {@code PIT-499} if not connected or the connection closed first.
     */
    CompletableFuture<Response> request(String route, byte[] data);

    /** {@link #request(String, byte[])} with an explicit timeout for this request. */
    CompletableFuture<Response> request(String route, byte[] data, Duration timeout);

    /**
     * Sends a request whose body is {@code body} serialised as JSON with the client's {@link ObjectMapper}
     * (a {@code String} is sent as its UTF-8 bytes, unchanged; a {@code byte[]} as-is).
     */
    CompletableFuture<Response> request(String route, Object body);

    /**
     * Sends a notify (no response).
     *
     * @return completes once written; fails if the write failed
     * @throws PitayaClientException ({@code PIT-499}) if not connected
     */
    CompletableFuture<Void> notify(String route, byte[] data);

    /** {@link #notify(String, byte[])} with a JSON body (see {@link #request(String, Object)}). */
    CompletableFuture<Void> notify(String route, Object body);

    /** Registers a listener for pushes on {@code route}. */
    Registration onPush(String route, PushListener listener);

    /** Registers a listener for all pushes. */
    Registration onPush(PushListener listener);

    /** Registers a connection listener (in addition to those given to the builder). */
    Registration addConnectionListener(ConnectionListener listener);

    /**
     * Escape hatch for tests: writes {@code bytes} unchanged (one binary WebSocket message, or raw TCP bytes).
     * Allowed as soon as the transport is open (also during the handshake).
     *
     * @throws PitayaClientException ({@code PIT-499}) if there is no open transport
     */
    CompletableFuture<Void> sendRaw(byte[] bytes);

    /** Closes the connection (reason {@code "client closed"}), failing pending requests. Idempotent. */
    @Override
    void close();

    /** Builder for {@link PitayaClient}. Not thread-safe. */
    final class Builder {
        String platform = "java";
        String libVersion = "0.1.0";
        String clientBuildNumber = "1";
        String clientVersion = "0.1";
        final Map<String, Object> extraSys = new LinkedHashMap<>();
        final Map<String, Object> user = new LinkedHashMap<>();
        Duration requestTimeout = Duration.ofSeconds(5);
        Duration connectTimeout = Duration.ofSeconds(10);
        boolean compressPayloads;
        int maxPacketSize = PacketCodec.MAX_BODY_LENGTH;
        int heartbeatTimeoutFactor = 3;
        SSLContext sslContext;
        boolean trustAllCertificates;
        ObjectMapper objectMapper;
        final List<ConnectionListener> connectionListeners = new ArrayList<>();
        final List<PushListener> pushListeners = new ArrayList<>();
        final Map<String, List<PushListener>> routePushListeners = new LinkedHashMap<>();

        Builder() {
        }

        /** Handshake {@code sys.platform}; default {@code "java"}. */
        public Builder platform(String platform) {
            this.platform = Objects.requireNonNull(platform);
            return this;
        }

        /** Handshake {@code sys.libVersion}; default {@code "0.1.0"}. */
        public Builder libVersion(String libVersion) {
            this.libVersion = Objects.requireNonNull(libVersion);
            return this;
        }

        /** Handshake {@code sys.clientBuildNumber}; default {@code "1"}. */
        public Builder clientBuildNumber(String clientBuildNumber) {
            this.clientBuildNumber = Objects.requireNonNull(clientBuildNumber);
            return this;
        }

        /** Handshake {@code sys.clientVersion}; default {@code "0.1"}. */
        public Builder clientVersion(String clientVersion) {
            this.clientVersion = Objects.requireNonNull(clientVersion);
            return this;
        }

        /** An additional handshake {@code sys} field (Pitaya ignores unknown ones; values should be strings). */
        public Builder handshakeSys(String key, Object value) {
            extraSys.put(Objects.requireNonNull(key), value);
            return this;
        }

        /** Replaces the handshake {@code user} object. */
        public Builder handshakeUser(Map<String, ?> user) {
            this.user.clear();
            this.user.putAll(user);
            return this;
        }

        /** Adds one entry to the handshake {@code user} object. */
        public Builder handshakeUser(String key, Object value) {
            user.put(Objects.requireNonNull(key), value);
            return this;
        }

        /** Default per-request timeout; default 5 s. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** Limit for connecting plus handshaking; default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** Zlib-compress outgoing payloads when that makes them smaller (flag 0x10); default off. */
        public Builder compressPayloads(boolean compress) {
            this.compressPayloads = compress;
            return this;
        }

        /** Largest accepted incoming packet body in bytes; default and maximum 16,777,215. */
        public Builder maxPacketSize(int bytes) {
            if (bytes < 1 || bytes > PacketCodec.MAX_BODY_LENGTH) {
                throw new IllegalArgumentException("maxPacketSize must be in 1.." + PacketCodec.MAX_BODY_LENGTH);
            }
            this.maxPacketSize = bytes;
            return this;
        }

        /**
         * The connection is closed with reason {@code "heartbeat timeout"} when nothing was received for
         * {@code heartbeat × factor} seconds; default 3 (libpitaya uses 6, the Go server 2).
         */
        public Builder heartbeatTimeoutFactor(int factor) {
            if (factor < 1) {
                throw new IllegalArgumentException("heartbeatTimeoutFactor must be >= 1");
            }
            this.heartbeatTimeoutFactor = factor;
            return this;
        }

        /** SSL context for {@code tls://} and {@code wss://}; default: the JVM default context. */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /** Accept any server certificate and skip host-name checks. <b>For tests only.</b> */
        public Builder trustAllCertificates(boolean trustAll) {
            this.trustAllCertificates = trustAll;
            return this;
        }

        /** Object mapper for the JSON conveniences; default a plain {@code new ObjectMapper()}. */
        public Builder objectMapper(ObjectMapper mapper) {
            this.objectMapper = Objects.requireNonNull(mapper);
            return this;
        }

        /** Adds a connection listener. */
        public Builder connectionListener(ConnectionListener listener) {
            connectionListeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /** Adds a listener for all pushes. */
        public Builder onPush(PushListener listener) {
            pushListeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /** Adds a listener for pushes on {@code route}. */
        public Builder onPush(String route, PushListener listener) {
            routePushListeners.computeIfAbsent(Objects.requireNonNull(route), r -> new ArrayList<>())
                    .add(Objects.requireNonNull(listener));
            return this;
        }

        /** Creates the (not yet connected) client. */
        public PitayaClient build() {
            return new DefaultPitayaClient(new ClientOptions(this));
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
