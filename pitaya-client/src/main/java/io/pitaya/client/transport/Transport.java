package io.pitaya.client.transport;

import java.util.concurrent.CompletableFuture;

/**
 * A connected byte pipe to a Pitaya server. Implementations serialise concurrent {@link #send} calls
 * (one write at a time, in call order) and deliver incoming bytes to their {@link TransportListener}
 * from a single I/O thread.
 */
public interface Transport {

    /**
     * Writes {@code bytes} as-is: one binary message on WebSocket, raw bytes on TCP.
     *
     * @return completes when the bytes were handed to the network, or exceptionally if the write failed
     */
    CompletableFuture<Void> send(byte[] bytes);

    /** Closes the connection. Idempotent; the listener is not notified of a local close. */
    void close();

    /** Whether the transport is open (not closed locally nor by the peer). */
    boolean isOpen();

    /** Human-readable description of the remote end, for logs. */
    String remote();
}
