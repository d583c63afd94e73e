package io.pitaya.jca.tcp.nio;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * TLS over the same non-blocking loop as plain TCP, with a server-mode {@link SSLEngine}.
 *
 * <p>Reading (selector thread) decrypts into the selector's shared buffers and answers handshake messages as they
 * come; delegated tasks run inline because they are short. Writing encrypts the caller's packet record by record
 * into one pooled buffer and stops when the socket is full, so a large packet never needs a ciphertext copy of
 * itself. Application data written before the handshake is over waits until it is ({@link Flush#WAITING}); only
 * {@link #write}/{@link #flush} (run under the connection's monitor) encrypt application data, which keeps the
 * connection's record of the write in flight consistent with what this class has sent.
 *
 * <p>Per connection, at rest, this holds nothing but the engine: {@code netIn} only while a record is split across
 * reads, {@code netOut} only while the socket is full. All state is guarded by {@code this}, because handshake
 * messages are produced by both the reading and the writing side.
 */
final class TlsChannelIo implements ChannelIo {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();
    private static final int POOLED_BUFFERS = 64;

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final BufferPool pool;
    private ByteBuffer netIn;  // part of a record carried to the next read (read mode), or null
    private ByteBuffer netOut; // ciphertext the socket has not taken, in [0, position), or null
    private ByteBuffer appOut; // plaintext of the packet being written, not yet encrypted, or null
    private boolean closed;

    private TlsChannelIo(SocketChannel channel, SSLEngine engine, BufferPool pool) {
        this.channel = channel;
        this.engine = engine;
        this.pool = pool;
    }

    /** A factory of server-side TLS connections; each gets its own engine from {@code context}. */
    static Factory factory(SSLContext context) {
        SSLEngine probe = context.createSSLEngine();
        int packetSize = probe.getSession().getPacketBufferSize();
        int applicationSize = probe.getSession().getApplicationBufferSize();
        BufferPool pool = new BufferPool(packetSize, POOLED_BUFFERS);
        return new Factory() {
            @Override
            public ChannelIo open(SocketChannel channel) throws IOException {
                SSLEngine engine = context.createSSLEngine();
                engine.setUseClientMode(false);
                engine.beginHandshake();
                return new TlsChannelIo(channel, engine, pool);
            }

            @Override
            public int applicationBufferSize() {
                return applicationSize;
            }
        };
    }

    @Override
    public synchronized int read(ReadBuffers buffers, Consumer<ByteBuffer> plaintext) throws IOException {
        if (closed) {
            return -1;
        }
        ByteBuffer net = buffers.network();
        net.clear();
        if (netIn != null) {
            net.put(netIn);
            netIn = null;
        }
        int n = channel.read(net);
        net.flip();
        try {
            unwrapAvailable(net, buffers.application(), plaintext);
        } finally {
            if (net.hasRemaining()) {
                netIn = ByteBuffer.allocate(net.remaining()).put(net).flip();
            }
        }
        return n < 0 || engine.isInboundDone() ? -1 : n;
    }

    private void unwrapAvailable(ByteBuffer net, ByteBuffer app, Consumer<ByteBuffer> plaintext) throws IOException {
        while (true) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                runDelegatedTasks();
                continue;
            }
            if (hs == HandshakeStatus.NEED_WRAP) {
                wrapHandshake();
                if (netOut != null) {
                    writeNetOut(); // what the socket refuses is flushed later via hasPendingOutput()
                }
                continue;
            }
            if (!net.hasRemaining() || engine.isInboundDone()) {
                return;
            }
            app.clear();
            SSLEngineResult r = engine.unwrap(net, app);
            app.flip();
            if (app.hasRemaining()) {
                plaintext.accept(app);
            }
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW:
                    return; // a partial record: keep it for the next read
                case BUFFER_OVERFLOW:
                    throw new SSLException("TLS record larger than the read buffer");
                case CLOSED:
                    continue; // close_notify: the engine may want to answer it (NEED_WRAP)
                case OK:
                default:
                    HandshakeStatus next = r.getHandshakeStatus();
                    if (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                            && next != HandshakeStatus.NEED_TASK && next != HandshakeStatus.NEED_WRAP) {
                        return; // no progress possible without more bytes
                    }
            }
        }
    }

    @Override
    public synchronized Flush write(byte[] packet) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        appOut = ByteBuffer.wrap(packet);
        return flush();
    }

    @Override
    public synchronized Flush flush() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        while (true) {
            if (netOut != null && !writeNetOut()) {
                return Flush.BLOCKED;
            }
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> {
                    runDelegatedTasks();
                    continue;
                }
                case NEED_WRAP -> {
                    wrapHandshake();
                    continue;
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    return appOut == null ? Flush.DONE : Flush.WAITING;
                }
                default -> {
                    // not handshaking: application data may go
                }
            }
            if (appOut == null) {
                return Flush.DONE;
            }
            SSLEngineResult r = wrap(appOut);
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("TLS session closed");
            }
            if (!appOut.hasRemaining()) {
                appOut = null;
            }
        }
    }

    @Override
    public synchronized boolean hasPendingOutput() {
        return !closed && (netOut != null || appOut != null || engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!closed) {
                closed = true;
                try {
                    // close_notify (or the alert explaining a failed handshake), once, if the socket takes it now
                    engine.closeOutbound();
                    while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP
                            && wrap(EMPTY).bytesProduced() > 0) {
                        // keep wrapping until the engine has said everything
                    }
                    if (netOut != null) {
                        writeNetOut();
                    }
                } catch (IOException | RuntimeException ignored) {
                    // best effort: the peer may be gone already
                }
                if (netOut != null) {
                    pool.give(netOut);
                    netOut = null;
                }
                netIn = null;
                appOut = null;
            }
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    @Override
    public String transport() {
        return "tls";
    }

    private void wrapHandshake() throws IOException {
        SSLEngineResult r = wrap(EMPTY);
        if (r.bytesProduced() == 0 && r.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            throw new SSLException("TLS engine produced no handshake data");
        }
    }

    /** Encrypts from {@code src} into {@code netOut} (one record at most). */
    private SSLEngineResult wrap(ByteBuffer src) throws IOException {
        ensureRoom();
        SSLEngineResult r = engine.wrap(src, netOut);
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            throw new SSLException("TLS record larger than the write buffer");
        }
        if (netOut.position() == 0) {
            releaseNetOut();
        }
        return r;
    }

    /** SSLEngine refuses to wrap unless a whole record fits, whatever the input size. */
    private void ensureRoom() {
        int need = engine.getSession().getPacketBufferSize();
        if (netOut == null) {
            netOut = need <= pool.bufferSize() ? pool.take() : ByteBuffer.allocate(need);
        } else if (netOut.remaining() < need) {
            ByteBuffer bigger = ByteBuffer.allocate(netOut.position() + need);
            netOut.flip();
            bigger.put(netOut);
            pool.give(netOut);
            netOut = bigger;
        }
    }

    /** @return true when everything went out (and the buffer went back to the pool) */
    private boolean writeNetOut() throws IOException {
        netOut.flip();
        try {
            while (netOut.hasRemaining() && channel.write(netOut) > 0) {
                // the socket takes what it can
            }
        } finally {
            netOut.compact();
        }
        if (netOut.position() > 0) {
            return false;
        }
        releaseNetOut();
        return true;
    }

    private void releaseNetOut() {
        pool.give(netOut);
        netOut = null;
    }

    private void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }
}
