package io.pitaya.client.impl;

import io.pitaya.client.ConnectionListener;
import io.pitaya.client.Registration;
import io.pitaya.protocol.handshake.HandshakeResponse;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** The connection listeners, told on the listener thread that the client connected, was kicked or closed. */
final class ConnectionListeners {

    private final CopyOnWriteArrayList<ConnectionListener> listeners;
    private final ClientThreads threads;

    ConnectionListeners(List<ConnectionListener> initial, ClientThreads threads) {
        this.listeners = new CopyOnWriteArrayList<>(initial);
        this.threads = threads;
    }

    Registration add(ConnectionListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void connected(HandshakeResponse hs) {
        for (ConnectionListener l : listeners) {
            threads.dispatch(() -> l.onConnected(hs));
        }
    }

    void kicked() {
        for (ConnectionListener l : listeners) {
            threads.dispatch(l::onKick);
        }
    }

    void closed(String reason) {
        for (ConnectionListener l : listeners) {
            threads.dispatch(() -> l.onClose(reason));
        }
    }
}
