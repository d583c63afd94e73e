package io.pitaya.client;

import io.pitaya.protocol.handshake.HandshakeResponse;

/**
 * Connection life-cycle events. Invoked on the client's listener thread, never on the I/O thread.
 * All methods have empty defaults; override the ones you need.
 */
public interface ConnectionListener {

    /** The handshake completed (code 200) and the client is ready to send requests. */
    default void onConnected(HandshakeResponse handshake) {
    }

    /** The server sent a Kick packet. {@link #onClose(String)} follows with reason {@code "kicked"}. */
    default void onKick() {
    }

    /**
     * The connection of a successfully connected client was closed. Fired exactly once. Typical reasons:
     * {@code "client closed"}, {@code "kicked"}, {@code "heartbeat timeout"},
     * {@code "connection closed by server"}, {@code "protocol error: ..."}.
     */
    default void onClose(String reason) {
    }
}
