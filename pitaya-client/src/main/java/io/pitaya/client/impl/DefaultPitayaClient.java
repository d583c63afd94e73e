package io.pitaya.client.impl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitaya.client.ClientOptions;
import io.pitaya.client.ConnectionListener;
import io.pitaya.client.PitayaClient;
import io.pitaya.client.PitayaClientException;
import io.pitaya.client.PitayaHandshakeException;
import io.pitaya.client.PushListener;
import io.pitaya.client.Registration;
import io.pitaya.client.Response;
import io.pitaya.client.transport.Transport;
import io.pitaya.client.transport.TransportListener;
import io.pitaya.client.transport.Transports;
import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketDecoder;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.handshake.HandshakeResponse;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageCodec;
import io.pitaya.protocol.message.RouteDictionary;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link PitayaClient} implementation.
 *
 * <p>Threads: the transport's I/O thread decodes packets and routes them; push and connection listeners run
 * on a single client-owned listener thread (so they are ordered and cannot stall reading); request futures
 * are completed on a separate client-owned pool (so a listener may block on a request); one timer thread
 * drives heartbeats and timeouts. All are daemon threads and end when the client is closed.
 */
public final class DefaultPitayaClient implements PitayaClient {

    private static final System.Logger LOG = System.getLogger(DefaultPitayaClient.class.getName());
    private static final AtomicInteger CLIENT_SEQ = new AtomicInteger();

    private enum State { NEW, CONNECTING, HANDSHAKING, CONNECTED, CLOSED }

    private final ClientOptions options;
    private final ObjectMapper mapper;
    private final PacketDecoder decoder;

    private final Object lock = new Object();
    private State state = State.NEW; // guarded by lock
    private volatile ScheduledFuture<?> connectTimeout;
    private volatile Transport transport;
    private volatile MessageCodec codec;
    private volatile HandshakeResponse handshake;
    private volatile long lastReceivedNanos;
    private volatile String closeReason;
    private volatile URI uri;

    private final CompletableFuture<HandshakeResponse> connectFuture = new CompletableFuture<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();

    private final CopyOnWriteArrayList<ConnectionListener> connectionListeners;
    private final CopyOnWriteArrayList<PushListener> pushListeners;
    private final ConcurrentHashMap<String, CopyOnWriteArrayList<PushListener>> routePushListeners =
            new ConcurrentHashMap<>();

    private final ExecutorService listenerExecutor;
    private final ExecutorService completionExecutor;
    private final ScheduledThreadPoolExecutor scheduler;

    public DefaultPitayaClient(ClientOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.mapper = options.objectMapper();
        this.decoder = new PacketDecoder(options.maxPacketSize());
        this.connectionListeners = new CopyOnWriteArrayList<>(options.connectionListeners());
        this.pushListeners = new CopyOnWriteArrayList<>(options.pushListeners());
        options.routePushListeners().forEach((route, list) ->
                routePushListeners.put(route, new CopyOnWriteArrayList<>(list)));

        int n = CLIENT_SEQ.incrementAndGet();
        this.listenerExecutor = Executors.newSingleThreadExecutor(daemon("pitaya-client-" + n + "-listener"));
        this.completionExecutor = Executors.newCachedThreadPool(daemon("pitaya-client-" + n + "-callback"));
        this.scheduler = new ScheduledThreadPoolExecutor(1, daemon("pitaya-client-" + n + "-timer"));
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.scheduler.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    // ------------------------------------------------------------------ connect

    @Override
    public HandshakeResponse connect(URI uri) {
        CompletableFuture<HandshakeResponse> f = connectAsync(uri);
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeInternal("interrupted while connecting", null);
            throw new PitayaClientException(PitayaClientException.CONNECT_FAILED, "interrupted while connecting", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PitayaClientException) {
                throw (PitayaClientException) cause;
            }
            throw new PitayaClientException(PitayaClientException.CONNECT_FAILED,
                    "cannot connect to " + uri + ": " + cause, cause);
        }
    }

    @Override
    public CompletableFuture<HandshakeResponse> connectAsync(URI uri) {
        Objects.requireNonNull(uri, "uri");
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException(state == State.CLOSED
                        ? "client is closed; create a new one"
                        : "client is already connected or connecting");
            }
            state = State.CONNECTING;
        }
        this.uri = uri;
        CompletableFuture<Transport> tf;
        try {
            tf = Transports.open(uri, options.transportConfig(), new IoListener());
        } catch (IllegalArgumentException e) {
            synchronized (lock) {
                state = State.NEW;
            }
            throw e;
        }
        long timeoutMs = options.connectTimeout().toMillis();
        connectTimeout = schedule(() -> connectTimedOut(uri, timeoutMs), timeoutMs);
        tf.whenComplete((t, error) -> {
            if (error != null) {
                Throwable c = unwrap(error);
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
            hello = PacketCodec.encode(Packet.of(PacketType.HANDSHAKE, options.handshakeRequest().toJson()));
        } catch (RuntimeException e) {
            t.close();
            closeInternal("cannot encode handshake", new PitayaClientException(PitayaClientException.PROTOCOL_ERROR,
                    "cannot encode handshake: " + e.getMessage(), e));
            return;
        }
        synchronized (lock) {
            if (state != State.CONNECTING) {
                t.close(); // closed or timed out meanwhile
                return;
            }
            transport = t;
            state = State.HANDSHAKING;
            t.send(hello).whenComplete((v, e) -> {
                if (e != null) {
                    closeInternal("handshake write failed: " + unwrap(e),
                            new PitayaClientException(PitayaClientException.CONNECT_FAILED,
                                    "cannot send handshake: " + unwrap(e), unwrap(e)));
                }
            });
        }
    }

    // ------------------------------------------------------------------ inbound (I/O thread)

    private final class IoListener implements TransportListener {
        @Override
        public void onData(byte[] chunk) {
            handleData(chunk);
        }

        @Override
        public void onClosed(String reason, Throwable cause) {
            closeInternal(reason, new PitayaClientException(PitayaClientException.CONNECTION_CLOSED,
                    "connection closed during handshake: " + reason, cause));
        }
    }

    private void handleData(byte[] chunk) {
        List<Packet> packets;
        try {
            packets = decoder.decode(ByteBuffer.wrap(chunk));
        } catch (RuntimeException e) {
            protocolError("invalid packet: " + e.getMessage(), e);
            return;
        }
        for (Packet p : packets) {
            if (isClosed()) {
                return;
            }
            lastReceivedNanos = System.nanoTime();
            switch (p.type()) {
                case HANDSHAKE:
                    handleHandshake(p.body());
                    break;
                case DATA:
                    handleMessage(p.body());
                    break;
                case KICK:
                    handleKick();
                    break;
                case HEARTBEAT:
                case HANDSHAKE_ACK:
                default:
                    break; // liveness only
            }
        }
    }

    private void handleHandshake(byte[] body) {
        synchronized (lock) {
            if (state != State.HANDSHAKING) {
                LOG.log(System.Logger.Level.DEBUG, "ignoring unexpected handshake packet in state {0}", state);
                return;
            }
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
        synchronized (lock) {
            if (state != State.HANDSHAKING) {
                return;
            }
            codec = c;
            handshake = hs;
            // enqueue the ack before anyone can see CONNECTED, so no Data packet can overtake it
            transport.send(PacketCodec.encode(Packet.HANDSHAKE_ACK));
            state = State.CONNECTED;
        }
        ScheduledFuture<?> timeout = connectTimeout;
        if (timeout != null) {
            timeout.cancel(false);
        }
        startHeartbeat(hs.heartbeatSeconds());
        complete(connectFuture, hs);
        for (ConnectionListener l : connectionListeners) {
            dispatch(() -> l.onConnected(hs));
        }
    }

    private void handleMessage(byte[] body) {
        MessageCodec c = codec;
        if (c == null) {
            protocolError("data packet received before the handshake completed", null);
            return;
        }
        Message m;
        try {
            m = c.decode(body);
        } catch (RuntimeException e) {
            protocolError("invalid message: " + e.getMessage(), e);
            return;
        }
        switch (m.type()) {
            case RESPONSE: {
                Pending p = pending.remove(m.id());
                if (p == null) {
                    LOG.log(System.Logger.Level.DEBUG, "dropping response for unknown or timed-out id {0}", m.id());
                    return;
                }
                complete(p.future, new Response(m.id(), p.route, m.data(), m.error(), mapper));
                break;
            }
            case PUSH:
                dispatchPush(m.route(), m.data());
                break;
            default:
                LOG.log(System.Logger.Level.DEBUG, "ignoring {0} message from server", m.type());
        }
    }

    private void dispatchPush(String route, byte[] data) {
        List<PushListener> specific = routePushListeners.get(route);
        dispatch(() -> {
            if (specific != null) {
                for (PushListener l : specific) {
                    safely(() -> l.onPush(route, data), "push listener");
                }
            }
            for (PushListener l : pushListeners) {
                safely(() -> l.onPush(route, data), "push listener");
            }
        });
    }

    private void handleKick() {
        boolean connected;
        synchronized (lock) {
            connected = state == State.CONNECTED;
        }
        if (connected) {
            for (ConnectionListener l : connectionListeners) {
                dispatch(l::onKick);
            }
        }
        closeInternal("kicked", new PitayaClientException(PitayaClientException.CONNECTION_CLOSED,
                "kicked by the server during the handshake"));
    }

    private void protocolError(String message, Throwable cause) {
        LOG.log(System.Logger.Level.WARNING, "closing connection to " + uri + ": " + message, cause);
        closeInternal("protocol error: " + message,
                new PitayaClientException(PitayaClientException.PROTOCOL_ERROR, message, cause));
    }

    // ------------------------------------------------------------------ heartbeat

    private void startHeartbeat(int seconds) {
        if (seconds <= 0) {
            return; // server disabled heartbeats
        }
        long periodMs = seconds * 1000L;
        byte[] ping = PacketCodec.encode(Packet.HEARTBEAT);
        long timeoutNanos = TimeUnit.SECONDS.toNanos((long) seconds * options.heartbeatTimeoutFactor());
        long checkMs = Math.max(50, Math.min(1000, periodMs / 4));
        try {
            scheduler.scheduleAtFixedRate(() -> {
                Transport t = transport;
                if (isConnected()) {
                    t.send(ping);
                }
            }, periodMs, periodMs, TimeUnit.MILLISECONDS);
            scheduler.scheduleAtFixedRate(() -> {
                if (System.nanoTime() - lastReceivedNanos > timeoutNanos) {
                    closeInternal("heartbeat timeout", null);
                }
            }, checkMs, checkMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed concurrently
        }
    }

    // ------------------------------------------------------------------ requests

    private static final class Pending {
        final long id;
        final String route;
        final CompletableFuture<Response> future = new CompletableFuture<>();
        volatile ScheduledFuture<?> timeout;

        Pending(long id, String route) {
            this.id = id;
            this.route = route;
        }
    }

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
        long id = nextId.getAndIncrement();
        byte[] packet;
        try {
            packet = PacketCodec.encode(Packet.of(PacketType.DATA, c.encode(Message.request(id, route, payload))));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new PitayaClientException(PitayaClientException.PROTOCOL_ERROR,
                    "cannot encode request to " + route + ": " + e.getMessage(), e));
        }
        Pending p = new Pending(id, route);
        pending.put(id, p);
        p.future.whenComplete((r, e) -> {
            pending.remove(id, p);
            ScheduledFuture<?> to = p.timeout;
            if (to != null) {
                to.cancel(false);
            }
        });
        if (isClosed()) {
            // close() may have swept the pending map before we inserted
            failPending(id, notConnected());
            return p.future;
        }
        long ms = Math.max(1, timeout.toMillis());
        p.timeout = schedule(() -> failPending(id, new PitayaClientException(PitayaClientException.TIMEOUT,
                "request timeout: " + route + " (id " + id + ") got no response within " + ms + " ms")), ms);
        if (p.future.isDone() && p.timeout != null) {
            p.timeout.cancel(false);
        }
        t.send(packet).whenComplete((v, e) -> {
            if (e != null) {
                failPending(id, new PitayaClientException(PitayaClientException.CONNECTION_CLOSED,
                        "cannot send request " + route + ": " + unwrap(e), unwrap(e)));
            }
        });
        return p.future;
    }

    private void failPending(long id, Throwable error) {
        Pending p = pending.remove(id);
        if (p != null) {
            fail(p.future, error);
        }
    }

    @Override
    public CompletableFuture<Void> notify(String route, byte[] data) {
        Objects.requireNonNull(route, "route");
        MessageCodec c = codec;
        Transport t = transport;
        if (!isConnected() || c == null) {
            throw notConnected();
        }
        byte[] packet;
        try {
            packet = PacketCodec.encode(Packet.of(PacketType.DATA,
                    c.encode(Message.notify(route, data == null ? new byte[0] : data))));
        } catch (RuntimeException e) {
            throw new PitayaClientException(PitayaClientException.PROTOCOL_ERROR,
                    "cannot encode notify to " + route + ": " + e.getMessage(), e);
        }
        return t.send(packet);
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
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof byte[]) {
            return (byte[]) body;
        }
        if (body instanceof String) {
            return ((String) body).getBytes(StandardCharsets.UTF_8);
        }
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + body.getClass().getName() + " to JSON", e);
        }
    }

    private PitayaClientException notConnected() {
        String reason = closeReason;
        return new PitayaClientException(PitayaClientException.CONNECTION_CLOSED,
                reason == null ? "not connected" : "connection closed: " + reason);
    }

    // ------------------------------------------------------------------ listeners

    @Override
    public Registration onPush(String route, PushListener listener) {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(listener, "listener");
        CopyOnWriteArrayList<PushListener> list =
                routePushListeners.computeIfAbsent(route, r -> new CopyOnWriteArrayList<>());
        list.add(listener);
        return () -> list.remove(listener);
    }

    @Override
    public Registration onPush(PushListener listener) {
        Objects.requireNonNull(listener, "listener");
        pushListeners.add(listener);
        return () -> pushListeners.remove(listener);
    }

    @Override
    public Registration addConnectionListener(ConnectionListener listener) {
        Objects.requireNonNull(listener, "listener");
        connectionListeners.add(listener);
        return () -> connectionListeners.remove(listener);
    }

    // ------------------------------------------------------------------ state / close

    @Override
    public boolean isConnected() {
        Transport t = transport;
        synchronized (lock) {
            if (state != State.CONNECTED) {
                return false;
            }
        }
        return t != null && t.isOpen();
    }

    private boolean isClosed() {
        synchronized (lock) {
            return state == State.CLOSED;
        }
    }

    @Override
    public HandshakeResponse handshake() {
        return handshake;
    }

    @Override
    public void close() {
        closeInternal("client closed", null);
    }

    /**
     * Moves to CLOSED exactly once: closes the transport, fails the connect future (with
     * {@code connectFailure} if given) and all pending requests, and tells the connection listeners.
     */
    /** The connect timeout applies only until the handshake completes: a connected client stays connected. */
    private void connectTimedOut(URI uri, long timeoutMs) {
        synchronized (lock) {
            if (state != State.CONNECTING && state != State.HANDSHAKING) {
                return;
            }
        }
        closeInternal("connect timeout", new PitayaClientException(PitayaClientException.TIMEOUT,
                "connect to " + uri + " timed out after " + timeoutMs + " ms"));
    }

    private void closeInternal(String reason, Throwable connectFailure) {
        boolean wasConnected;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            wasConnected = state == State.CONNECTED;
            state = State.CLOSED;
            closeReason = reason;
        }
        scheduler.shutdownNow();
        Transport t = transport;
        if (t != null) {
            t.close();
        }
        if (!wasConnected) {
            fail(connectFuture, connectFailure != null ? connectFailure
                    : new PitayaClientException(PitayaClientException.CONNECTION_CLOSED,
                    "connection closed before the handshake completed: " + reason));
        }
        for (Long id : pending.keySet()) {
            failPending(id, new PitayaClientException(PitayaClientException.CONNECTION_CLOSED,
                    "connection closed: " + reason));
        }
        if (wasConnected) {
            for (ConnectionListener l : connectionListeners) {
                dispatch(() -> l.onClose(reason));
            }
        }
        listenerExecutor.shutdown();   // already queued events are still delivered
        completionExecutor.shutdown();
    }

    // ------------------------------------------------------------------ executors

    private void dispatch(Runnable event) {
        try {
            listenerExecutor.execute(() -> safely(event, "listener"));
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "client closed; dropping event");
        }
    }

    private static void safely(Runnable r, String what) {
        try {
            r.run();
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, what + " threw", e);
        }
    }

    private <T> void complete(CompletableFuture<T> f, T value) {
        try {
            completionExecutor.execute(() -> f.complete(value));
        } catch (RejectedExecutionException e) {
            f.complete(value);
        }
    }

    private void fail(CompletableFuture<?> f, Throwable error) {
        try {
            completionExecutor.execute(() -> f.completeExceptionally(error));
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(error);
        }
    }

    private ScheduledFuture<?> schedule(Runnable task, long delayMs) {
        try {
            return scheduler.schedule(() -> safely(task, "timer task"), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null; // closed: whatever the task guarded was failed by close
        }
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public String toString() {
        return "PitayaClient{uri=" + uri + ", connected=" + isConnected() + '}';
    }
}
