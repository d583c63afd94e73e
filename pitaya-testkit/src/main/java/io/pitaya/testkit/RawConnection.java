package io.pitaya.testkit;

import java.net.URI;

/** A client connection that sends raw bytes and reads whole packets, for tests that send what no SDK would. */
public interface RawConnection extends AutoCloseable {

    /** A {@link RawWebSocket} for {@code ws://} and {@code wss://}, a {@link RawTcp} otherwise. */
    static RawConnection open(URI uri) throws Exception {
        return uri.getScheme().startsWith("ws") ? new RawWebSocket(uri) : RawTcp.open(uri);
    }

    void send(byte[] bytes) throws Exception;

    /** The next whole packet (header included), or null after the timeout. */
    byte[] receive(long millis) throws InterruptedException;

    /** True when the server closed the connection within the timeout. */
    boolean closedWithin(long millis);

    @Override
    void close();
}
