package io.pitaya.spi;

import java.util.function.Consumer;

/**
 * One client connection as an acceptor sees it. The core writes one encoded packet at a time and waits for
 * {@code done} before the next, so implementations never queue more than one write.
 */
public interface Connection {

    /**
     * Writes one whole packet (header and body) without blocking the caller.
     *
     * @param done called once with {@code null} when the bytes were handed to the network, or with the failure
     */
    void write(byte[] packet, Consumer<Throwable> done);

    /** Closes the transport; the acceptor then reports {@link PacketSink#onClosed()}. Idempotent. */
    void close();

    /** The peer address, e.g. {@code 127.0.0.1:53412}, or {@code [::1]:53412}. */
    String remoteAddress();

    /** Name of the transport for logs and metrics, e.g. {@code ws} or {@code tcp}. */
    String transport();
}
