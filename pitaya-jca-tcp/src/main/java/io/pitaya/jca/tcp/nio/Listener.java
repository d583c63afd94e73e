package io.pitaya.jca.tcp.nio;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the shared selector loops need to know about the listener a connection came through: how its bytes travel
 * (plain or TLS) and its own connection count, which its accept loop checks against its limit and the connection
 * gives back when it closes.
 *
 * @param name           the listener's name, for logs
 * @param io             creates each connection's transport
 * @param maxConnections connections to this listener beyond this are closed at once; 0 means no limit
 * @param connections    open connections of this listener, including those being handed to the core
 */
record Listener(String name, ChannelIo.Factory io, int maxConnections, AtomicInteger connections) {

    Listener(String name, ChannelIo.Factory io, int maxConnections) {
        this(name, io, maxConnections, new AtomicInteger());
    }

    /** {@code tcp} or {@code tls}. */
    String transport() {
        return io == PlainChannelIo.FACTORY ? "tcp" : "tls";
    }
}
