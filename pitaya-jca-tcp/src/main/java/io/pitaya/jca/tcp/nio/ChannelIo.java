package io.pitaya.jca.tcp.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * Moves bytes between one socket and the packet layer: as-is ({@link PlainChannelIo}) or through TLS
 * ({@link TlsChannelIo}). Keeps {@link NioConnection} free of transport details.
 *
 * <p>Threading: {@link #read} runs on the connection's selector thread only. {@link #write} and {@link #flush} run
 * on any thread but always under the connection's monitor, so at most one of them runs at a time. Implementations
 * that share state between reading and writing (TLS) synchronise internally.
 */
interface ChannelIo {

    /** Outcome of pushing buffered output to the socket. */
    enum Flush {
        /** Everything handed to {@link #write} has gone to the socket. */
        DONE,
        /** The socket buffer is full: wait for {@code OP_WRITE}. */
        BLOCKED,
        /** Output waits for the peer (a TLS handshake in progress), not for the socket. */
        WAITING
    }

    /**
     * Reads what the socket has and hands the plaintext to {@code plaintext} (possibly in several pieces; each
     * buffer is only valid during the call). Must not call into the core.
     *
     * @return bytes read from the socket, or -1 when the peer closed (EOF or TLS close_notify)
     */
    int read(ReadBuffers buffers, Consumer<ByteBuffer> plaintext) throws IOException;

    /** Starts writing one whole packet; keeps what the socket did not take. Only when nothing is pending. */
    Flush write(byte[] packet) throws IOException;

    /** Continues writing what is pending. */
    Flush flush() throws IOException;

    /** Whether {@link #flush} has work: always false for plain TCP, where only writes produce output. */
    boolean hasPendingOutput();

    /** Closes the channel (after a best-effort TLS close_notify). Idempotent; never throws. */
    void close();

    /** {@code tcp} or {@code tls}. */
    String transport();

    /** Creates the I/O for each accepted channel. */
    interface Factory {

        ChannelIo open(SocketChannel channel) throws IOException;

        /** Size of the per-selector plaintext buffer this transport needs for reading, 0 if none. */
        default int applicationBufferSize() {
            return 0;
        }
    }
}
