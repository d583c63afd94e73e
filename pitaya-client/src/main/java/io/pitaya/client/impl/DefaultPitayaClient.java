package io.pitaya.client.impl;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitaya.client.ClientOptions;
import io.pitaya.client.ConnectionListener;
import io.pitaya.client.PitayaClient;
import io.pitaya.client.PitayaClientException;
import io.pitaya.client.PitayaHandshakeException;
import io.pitaya.client.PushListener;
import io.pitaya.client.Registration;
import io.pitaya.client.Response;
import io.pitaya.client.impl.ConnectionPhase.Phase;
import io.pitaya.client.transport.Transport;
import io.pitaya.client.transport.Transports;
import io.pitaya.protocol.handshake.HandshakeResponse;
import io.pitaya.protocol.message.MessageCodec;
import io.pitaya.protocol.message.RouteDictionary;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * The {@link PitayaClient} implementation.
 *
 * <p>This class is the connection's state machine (connect, handshake, connected, closed) and routes what
 * {@link InboundPackets} reads on the transport's I/O thread. The rest has its own class:
 * {@link ConnectionPhase}, {@link ClientThreads} (listener thread, completion pool, timer),
 * {@link PendingRequests} (requests awaiting a response, with timeouts), {@link PushListeners},
 * {@link ConnectionListeners}, {@link Heartbeat}, {@link OutboundPackets} and {@link RequestBodies}.
 */
public final class DefaultPitayaClient implements PitayaClient {

    private static final System.Logger LOG = System.getLogger(DefaultPitayaClient.class.getName());

    private final ClientOptions options;
    private final ObjectMapper mapper;
    private final InboundPackets inbound;

    private final ConnectionPhase state = new ConnectionPhase();
    private volatile ScheduledFuture<?> connectTimeout;
    private volatile Transport transport;
    private volatile MessageCodec codec;
    private volatile HandshakeResponse handshake;
    private volatile String closeReason;
    private volatile URI uri;

    private final CompletableFuture<HandshakeResponse> connectFuture = new CompletableFuture<>();
    private final ClientThreads threads = new ClientThreads();
    private final PendingRequests pending;
    private final ConnectionListeners connectionListeners;
    private final PushListeners pushListeners;

    public DefaultPitayaClient(ClientOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.mapper = options.objectMapper();
        this.pending = new PendingRequests(threads, mapper);
        this.connectionListeners = new ConnectionListeners(options.connectionListeners(), threads);
        this.pushListeners = new PushListeners(options.pushListeners(), options.routePushListeners(), threads);
        this.inbound = new InboundPackets(options.maxPacketSize(), new ConnectionEvents(), pending, pushListeners);
    }

    // ------------------------------------------------------------------ connect

    @Override
    public HandshakeResponse connect(URI uri) {
        return ClientFutures.awaitConnect(connectAsync(uri), uri,
                () -> closeInternal("interrupted while connecting", null));
    }

    @Override
    public CompletableFuture<HandshakeResponse> connectAsync(URI uri) {
        Objects.requireNonNull(uri, "uri");
        state.beginConnect();
        this.uri = uri;
        CompletableFuture<Transport> tf;
        try {
            tf = Transports.open(uri, options.transportConfig(), inbound);
        } catch (IllegalArgumentException e) {
            state.connectRejected();
            throw e;
        }
        long timeoutMs = options.connectTimeout().toMillis();
        connectTimeout = threads.schedule(() -> connectTimedOut(uri, timeoutMs), timeoutMs);
        tf.whenComplete((t, error) -> {
            if (error != null) {
                Throwable c = ClientFutures.unwrap(error);
                closeInternal("connect failed: " + c, new PitayaClientException(PitayaClientException.CONNECT_FAILED,
                        "cannot connect to " + uri + ": " + c, c));
                return;
            }
            onTransportOpen(t);
        });
        return connectFuture.copy();
    }

    private void onTransportOpen(Transport t) {
        byte[] hello;
        try {
            hello = OutboundPackets.handshake(options);
        } catch (PitayaClientException e) {
            t.close();
            closeInternal("cannot encode handshake", e);
            return;
        }
        synchronized (state) {
            if (!state.is(Phase.CONNECTING)) {
                t.close(); // closed or timed out meanwhile
                return;
            }
            transport = t;
            state.set(Phase.HANDSHAKING);
            t.send(hello).whenComplete((v, e) -> {
                if (e != null) {
                    closeInternal("handshake write failed: " + ClientFutures.unwrap(e),
                            new PitayaClientException(PitayaClientException.CONNECT_FAILED,
                                    "cannot send handshake: " + ClientFutures.unwrap(e), ClientFutures.unwrap(e)));
                }
            });
        }
    }

    // ------------------------------------------------------------------ inbound (I/O thread)

    /** The inbound packets and the heartbeat, routed to this connection's state machine. */
    private final class ConnectionEvents implements InboundPackets.Handler, Heartbeat.Link {
        @Override
        public boolean isClosed() {
            return DefaultPitayaClient.this.isClosed();
        }

        @Override
        public void handshake(byte[] body) {
            handleHandshake(body);
        }

        @Override
        public void kick() {
            handleKick();
        }

        @Override
        public void invalid(String message, Throwable cause) {
            protocolError(message, cause);
        }

        @Override
        public void transportClosed(String reason, Throwable cause) {
            closeInternal(reason, new PitayaClientException(PitayaClientException.CONNECTION_CLOSED,
                    "connection closed during handshake: " + reason, cause));
        }

        @Override
        public void sendIfConnected(byte[] packet) {
            Transport t = transport;
            if (isConnected()) {
                t.send(packet);
            }
        }

        @Override
        public long lastReceivedNanos() {
            return inbound.lastReceivedNanos();
        }

        @Override
        public void timedOut() {
            closeInternal("heartbeat timeout", null);
        }
    }

    private void handleHandshake(byte[] body) {
        Phase phase = state.get();
        if (phase != Phase.HANDSHAKING) {
            LOG.log(System.Logger.Level.DEBUG, "ignoring unexpected handshake packet in state {0}", phase);
            return;
        }
        HandshakeResponse hs;
        try {
            hs = HandshakeResponse.parse(body);
        } catch (RuntimeException e) {
            protocolError("invalid handshake response: " + e.getMessage(), e);
            return;
        }
        if (hs.code() != 200) {
            closeInternal("handshake rejected with code " + hs.code(), new PitayaHandshakeException(hs.code()));
            return;
        }
        RouteDictionary dict = hs.dictionary() == null ? RouteDictionary.EMPTY : hs.dictionary();
        MessageCodec c = new MessageCodec(dict, options.compressPayloads(), options.maxPacketSize()); // zip-bomb bound
        synchronized (state) {
            if (!state.is(Phase.HANDSHAKING)) {
                return;
            }
            codec = c;
            inbound.useCodec(c);
            handshake = hs;
            // enqueue the ack before anyone can see CONNECTED, so no Data packet can overtake it
            transport.send(OutboundPackets.HANDSHAKE_ACK);
            state.set(Phase.CONNECTED);
        }
        ScheduledFuture<?> timeout = connectTimeout;
        if (timeout != null) {
            timeout.cancel(false);
        }
        Heartbeat.start(threads, hs.heartbeatSeconds(), options.heartbeatTimeoutFactor(), new ConnectionEvents());
        threads.complete(connectFuture, hs);
        connectionListeners.connected(hs);
    }

    private void handleKick() {
        if (state.is(Phase.CONNECTED)) {
            connectionListeners.kicked();
        }
        closeInternal("kicked", new PitayaClientException(PitayaClientException.CONNECTION_CLOSED,
                "kicked by the server during the handshake"));
    }

    private void protocolError(String message, Throwable cause) {
        LOG.log(System.Logger.Level.WARNING, "closing connection to " + uri + ": " + message, cause);
        closeInternal("protocol error: " + message,
                new PitayaClientException(PitayaClientException.PROTOCOL_ERROR, message, cause));
    }

    // ------------------------------------------------------------------ requests

    @Override
    public CompletableFuture<Response> request(String route, byte[] data) {
        return request(route, data, options.requestTimeout());
    }

    @Override
    public CompletableFuture<Response> request(String route, Object body) {
        return request(route, toBytes(body), options.requestTimeout());
    }

    @Override
    public CompletableFuture<Response> request(String route, byte[] data, Duration timeout) {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(timeout, "timeout");
        byte[] payload = data == null ? new byte[0] : data;
        MessageCodec c = codec;
        Transport t = transport;
        if (!isConnected() || c == null) {
            return CompletableFuture.failedFuture(notConnected());
        }
        long id = pending.nextId();
        byte[] packet;
        try {
            packet = OutboundPackets.request(c, id, route, payload);
        } catch (PitayaClientException e) {
            return CompletableFuture.failedFuture(e);
        }
        PendingRequests.Pending p = pending.add(id, route);
        if (isClosed()) {
            // close() may have swept the pending table before we inserted
            pending.fail(id, notConnected());
            return p.future;
        }
        pending.startTimeout(p, Math.max(1, timeout.toMillis()));
        t.send(packet).whenComplete((v, e) -> {
            if (e != null) {
                pending.fail(id, new PitayaClientException(PitayaClientException.CONNECTION_CLOSED,
                        "cannot send request " + route + ": " + ClientFutures.unwrap(e), ClientFutures.unwrap(e)));
            }
        });
        return p.future;
    }

    @Override
    public CompletableFuture<Void> notify(String route, byte[] data) {
        Objects.requireNonNull(route, "route");
        MessageCodec c = codec;
        Transport t = transport;
        if (!isConnected() || c == null) {
            throw notConnected();
        }
        return t.send(OutboundPackets.notify(c, route, data));
    }

    @Override
    public CompletableFuture<Void> notify(String route, Object body) {
        return notify(route, toBytes(body));
    }

    @Override
    public CompletableFuture<Void> sendRaw(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        Transport t = transport;
        if (t == null || isClosed()) {
            throw notConnected();
        }
        return t.send(bytes.clone());
    }

    private byte[] toBytes(Object body) {
        return RequestBodies.toBytes(mapper, body);
    }

    private PitayaClientException notConnected() {
        String reason = closeReason;
        return new PitayaClientException(PitayaClientException.CONNECTION_CLOSED,
                reason == null ? "not connected" : "connection closed: " + reason);
    }

    // ------------------------------------------------------------------ listeners

    @Override
    public Registration onPush(String route, PushListener listener) {
        return pushListeners.add(route, listener);
    }

    @Override
    public Registration onPush(PushListener listener) {
        return pushListeners.add(listener);
    }

    @Override
    public Registration addConnectionListener(ConnectionListener listener) {
        return connectionListeners.add(listener);
    }

    // ------------------------------------------------------------------ state / close

    @Override
    public boolean isConnected() {
        Transport t = transport;
        return state.is(Phase.CONNECTED) && t != null && t.isOpen();
    }

    private boolean isClosed() {
        return state.is(Phase.CLOSED);
    }

    @Override
    public HandshakeResponse handshake() {
        return handshake;
    }

    @Override
    public void close() {
        closeInternal("client closed", null);
    }

    /** The connect timeout applies only until the handshake completes: a connected client stays connected. */
    private void connectTimedOut(URI uri, long timeoutMs) {
        Phase phase = state.get();
        if (phase != Phase.CONNECTING && phase != Phase.HANDSHAKING) {
            return;
        }
        closeInternal("connect timeout", new PitayaClientException(PitayaClientException.TIMEOUT,
                "connect to " + uri + " timed out after " + timeoutMs + " ms"));
    }

    /**
     * Moves to CLOSED exactly once: closes the transport, fails the connect future (with
     * {@code connectFailure} if given) and all pending requests, and tells the connection listeners.
     */
    private void closeInternal(String reason, Throwable connectFailure) {
        boolean wasConnected;
        synchronized (state) {
            Phase was = state.close();
            if (was == null) {
                return;
            }
            wasConnected = was == Phase.CONNECTED;
            closeReason = reason;
        }
        threads.stopTimer();
        Transport t = transport;
        if (t != null) {
            t.close();
        }
        if (!wasConnected) {
            threads.fail(connectFuture, connectFailure != null ? connectFailure
                    : new PitayaClientException(PitayaClientException.CONNECTION_CLOSED,
                    "connection closed before the handshake completed: " + reason));
        }
        pending.failAll(reason);
        if (wasConnected) {
            connectionListeners.closed(reason);
        }
        threads.shutdown(); // already queued events are still delivered
    }

    @Override
    public String toString() {
        return "PitayaClient{uri=" + uri + ", connected=" + isConnected() + '}';
    }
}
