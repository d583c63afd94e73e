package io.pitaya.client.transport;

/** Receives what a {@link Transport} reads. Called from the transport's I/O thread, one call at a time. */
public interface TransportListener {

    /**
     * Bytes read from the connection. A chunk may hold any number of packets, including partial ones;
     * the receiver must reassemble them (e.g. with a streaming {@code PacketDecoder}).
     * The array is owned by the receiver.
     */
    void onData(byte[] chunk);

    /**
     * The connection was closed by the peer or failed. Called at most once, and not after a local
     * {@link Transport#close()}.
     *
     * @param reason short description
     * @param cause  the I/O error, or {@code null} for an orderly close
     */
    void onClosed(String reason, Throwable cause);
}
