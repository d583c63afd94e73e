package io.pitaya.client.transport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * WebSocket transport ({@code ws://} / {@code wss://}) on the JDK's {@link java.net.http.WebSocket}.
 *
 * <p>Each {@link #send} is one binary message. Sends are chained because the JDK allows only one
 * outstanding send. Incoming messages may carry several packets and may arrive in several partial
 * frames; every fragment is passed on as it arrives, so a message is effectively accumulated until its
 * last fragment by the receiver's streaming packet decoder (which also bounds its size).
 */
public final class WebSocketTransport implements Transport, WebSocket.Listener {

    private static final long CLOSE_GRACE_MILLIS = 2000;

    private final TransportListener listener;
    private final String remote;
    /** Set once the listener must no longer hear from us (local close, or peer close reported). */
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set once the socket was (or is being) shut down: a Close frame is sent, then the socket aborted. */
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile WebSocket ws;
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

    private WebSocketTransport(TransportListener listener, String remote) {
        this.listener = listener;
        this.remote = remote;
    }

    /** Performs the HTTP upgrade asynchronously. */
    public static CompletableFuture<Transport> open(URI uri, TransportConfig config, TransportListener listener) {
        HttpClient.Builder hb = HttpClient.newBuilder().connectTimeout(config.connectTimeout());
        if ("wss".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
            hb.sslContext(config.effectiveSslContext());
        }
        WebSocketTransport transport = new WebSocketTransport(listener, uri.toString());
        CompletableFuture<Transport> result = new CompletableFuture<>();
        try {
            hb.build().newWebSocketBuilder()
                    .connectTimeout(config.connectTimeout())
                    .buildAsync(uri, transport)
                    .whenComplete((ws, error) -> {
                        if (error != null) {
                            transport.closed.set(true);
                            result.completeExceptionally(error);
                            return;
                        }
                        transport.ws = ws;
                        if (!result.complete(transport)) {
                            transport.close();
                        }
                    });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    @Override
    public synchronized CompletableFuture<Void> send(byte[] bytes) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new java.io.IOException("transport closed"));
        }
        CompletableFuture<Void> f = tail.handle((r, e) -> null)
                .thenCompose(x -> ws.sendBinary(ByteBuffer.wrap(bytes), true))
                .thenApply(w -> (Void) null);
        tail = f;
        return f;
    }

    @Override
    public void close() {
        closed.set(true);
        WebSocket socket = ws;
        if (socket == null || !released.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<?> last;
        synchronized (this) {
            last = tail;
        }
        last.handle((r, e) -> null)
                .thenCompose(x -> socket.sendClose(WebSocket.NORMAL_CLOSURE, ""))
                .orTimeout(CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> socket.abort());
    }

    @Override
    public boolean isOpen() {
        WebSocket socket = ws;
        return !closed.get() && socket != null && !socket.isInputClosed();
    }

    @Override
    public String remote() {
        return remote;
    }

    // ---- WebSocket.Listener (called by the HttpClient one at a time) ----

    @Override
    public void onOpen(WebSocket webSocket) {
        this.ws = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        if (!closed.get() && chunk.length > 0) {
            listener.onData(chunk);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        // Pitaya servers always send binary; be lenient like the server is about opcodes.
        // (A multi-byte character split across fragments cannot happen: the JDK delivers whole chars.)
        byte[] chunk = data.toString().getBytes(StandardCharsets.UTF_8);
        if (!closed.get() && chunk.length > 0) {
            listener.onData(chunk);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (closed.compareAndSet(false, true)) {
            listener.onClosed("connection closed by server (" + statusCode
                    + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")", null);
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        released.set(true);
        webSocket.abort();
        if (closed.compareAndSet(false, true)) {
            listener.onClosed("connection error: " + error, error);
        }
    }
}
