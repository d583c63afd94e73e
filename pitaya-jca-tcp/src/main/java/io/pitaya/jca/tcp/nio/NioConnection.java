package io.pitaya.jca.tcp.nio;

import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketDecoder;
import io.pitaya.protocol.ProtocolException;
import io.pitaya.spi.Connection;
import io.pitaya.spi.PacketSink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One accepted client socket as the core sees it.
 *
 * <p>Threading:
 * <ul>
 *   <li>Reading, decoding and the {@link PacketSink#onPacket}/{@link PacketSink#onProtocolError} calls happen on the
 *       owning selector thread only; they are made without holding any lock, so the core may write from them.</li>
 *   <li>{@link #write} may be called from any thread. The write in flight ({@code pendingDone}) and the transport's
 *       output are guarded by this object's monitor; {@code done} callbacks run outside it.</li>
 *   <li>{@link #close} may be called from any thread; the first call wins and {@link PacketSink#onClosed} runs once,
 *       on the closing thread, after the channel is closed.</li>
 * </ul>
 * Kept small on purpose (no buffers, the decoder created on first bytes): thousands of idle connections each cost
 * little more than their socket.
 */
final class NioConnection implements Connection {

    private static final Logger LOG = Logger.getLogger(NioConnection.class.getName());
    private static final AtomicIntegerFieldUpdater<NioConnection> STATE =
            AtomicIntegerFieldUpdater.newUpdater(NioConnection.class, "state");
    private static final int CLOSED = 1;
    private static final int NOTIFIED = 2;

    private final SocketChannel channel;
    private final ChannelIo io;
    private final SelectorLoop loop;
    private final AtomicInteger connections; // its listener's count, given back on close
    private final String remoteAddress;
    private volatile SelectionKey key;
    private volatile PacketSink sink;
    private volatile int state;
    private volatile long pendingSinceNanos; // 0 when no write waits; read by the write-timeout sweep
    private Consumer<Throwable> pendingDone; // guarded by this
    private PacketDecoder decoder;           // selector thread only

    NioConnection(SocketChannel channel, ChannelIo io, SelectorLoop loop, AtomicInteger connections)
            throws IOException {
        this.channel = channel;
        this.io = io;
        this.loop = loop;
        this.connections = connections;
        this.remoteAddress = SocketAddresses.format(channel.getRemoteAddress());
    }

    // ---- lifecycle, driven by the selector loop ----

    /** Registers with no interest yet: reading starts once the core has given a sink. Selector thread. */
    void register(Selector selector) throws ClosedChannelException {
        key = channel.register(selector, 0, this);
    }

    /** Starts reading into {@code sink}. Selector thread. */
    void open(PacketSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
        if (isClosed()) {
            notifyClosed(); // the core closed the connection while it was still accepting it
            return;
        }
        try {
            key.interestOpsOr(SelectionKey.OP_READ);
        } catch (CancelledKeyException e) {
            // closed concurrently; close() has notified or will
        }
    }

    /** The socket has bytes (or EOF). Selector thread. */
    void onReadable(ReadBuffers buffers) {
        List<Packet> packets = buffers.packets();
        int n;
        ProtocolException protocolError = null;
        try {
            n = io.read(buffers, bytes -> packets.addAll(decoder().decode(bytes)));
        } catch (ProtocolException e) {
            protocolError = e;
            n = 0;
        } catch (IOException e) {
            LOG.log(Level.FINE, "{0}: read failed: {1}", new Object[]{remoteAddress, e.toString()});
            n = -1;
        }
        try {
            deliver(packets);
        } finally {
            packets.clear();
        }
        if (protocolError != null) {
            if (!isClosed()) {
                sink.onProtocolError(protocolError);
            }
            close(); // the core closes on protocol errors; doing it here too keeps probes from lingering
        } else if (n < 0) {
            close();
        } else if (io.hasPendingOutput()) {
            flushOnLoop(); // TLS: handshake replies, or a packet that waited for the handshake
        }
    }

    /** The socket has room again. Selector thread. */
    void onWritable() {
        flushOnLoop();
    }

    /** Whether a write has waited for the socket longer than {@code timeoutNanos}. */
    boolean writeStalled(long nowNanos, long timeoutNanos) {
        long since = pendingSinceNanos;
        return since != 0 && nowNanos - since > timeoutNanos;
    }

    // ---- Connection ----

    @Override
    public void write(byte[] packet, Consumer<Throwable> done) {
        Objects.requireNonNull(packet, "packet");
        Objects.requireNonNull(done, "done");
        Throwable failure = null;
        boolean complete = false;
        synchronized (this) {
            if (isClosed()) {
                failure = new ClosedChannelException();
            } else if (pendingDone != null) {
                failure = new IllegalStateException("a write is already in progress on " + remoteAddress);
            } else {
                try {
                    ChannelIo.Flush flush = io.write(packet);
                    if (flush == ChannelIo.Flush.DONE) {
                        complete = true;
                    } else {
                        pendingDone = done;
                        pendingSinceNanos = nonZeroNanoTime();
                        setWriteInterest(flush == ChannelIo.Flush.BLOCKED);
                    }
                } catch (IOException e) {
                    failure = e;
                }
            }
        }
        if (failure instanceof IOException) {
            close();
        }
        if (complete || failure != null) {
            done.accept(failure);
        }
    }

    @Override
    public void close() {
        close(null);
    }

    /** @param writeFailure what a write in flight fails with; null for "channel closed" */
    void close(IOException writeFailure) {
        int s;
        do {
            s = state;
            if ((s & CLOSED) != 0) {
                return;
            }
        } while (!STATE.compareAndSet(this, s, s | CLOSED));
        Consumer<Throwable> done;
        synchronized (this) {
            done = pendingDone;
            pendingDone = null;
            pendingSinceNanos = 0;
        }
        SelectionKey k = key;
        if (k != null) {
            k.cancel();
        }
        io.close();
        loop.connectionClosed(connections);
        if (done != null) {
            done.accept(writeFailure != null ? writeFailure : new ClosedChannelException());
        }
        notifyClosed();
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String transport() {
        return io.transport();
    }

    @Override
    public String toString() {
        return io.transport() + "://" + remoteAddress;
    }

    // ---- internals ----

    boolean isClosed() {
        return (state & CLOSED) != 0;
    }

    private PacketDecoder decoder() {
        if (decoder == null) {
            decoder = loop.newDecoder();
        }
        return decoder;
    }

    private void deliver(List<Packet> packets) {
        for (Packet p : packets) {
            if (isClosed()) {
                return; // never a packet after onClosed
            }
            sink.onPacket(p);
        }
    }

    /** Continues the write in flight on the selector thread and completes it when the socket took it all. */
    private void flushOnLoop() {
        Consumer<Throwable> done = null;
        IOException failure = null;
        synchronized (this) {
            if (isClosed()) {
                return;
            }
            try {
                ChannelIo.Flush flush = io.flush();
                setWriteInterest(flush == ChannelIo.Flush.BLOCKED);
                if (flush == ChannelIo.Flush.DONE && pendingDone != null) {
                    done = pendingDone;
                    pendingDone = null;
                    pendingSinceNanos = 0;
                }
            } catch (IOException e) {
                failure = e;
                done = pendingDone;
                pendingDone = null;
                pendingSinceNanos = 0;
            }
        }
        if (failure != null) {
            LOG.log(Level.FINE, "{0}: write failed: {1}", new Object[]{remoteAddress, failure.toString()});
            close();
        }
        if (done != null) {
            done.accept(failure);
        }
    }

    /** Caller holds this monitor, which orders interest changes with the write state they reflect. */
    private void setWriteInterest(boolean on) {
        SelectionKey k = key;
        try {
            if (on) {
                k.interestOpsOr(SelectionKey.OP_WRITE);
                loop.wakeupIfForeign(); // a select in progress would not see the new interest
            } else if ((k.interestOps() & SelectionKey.OP_WRITE) != 0) {
                k.interestOpsAnd(~SelectionKey.OP_WRITE);
            }
        } catch (CancelledKeyException e) {
            // closed concurrently
        }
    }

    private void notifyClosed() {
        PacketSink s = sink;
        if (s == null) {
            return; // not handed to the core (yet): open() notifies if it comes to that
        }
        int st;
        do {
            st = state;
            if ((st & NOTIFIED) != 0) {
                return;
            }
        } while (!STATE.compareAndSet(this, st, st | NOTIFIED));
        try {
            s.onClosed();
        } catch (Throwable e) { // an Error too: the closing thread (often a selector loop) must go on
            LOG.log(e instanceof Error ? Level.SEVERE : Level.WARNING, remoteAddress + ": onClosed failed", e);
        }
    }

    private static long nonZeroNanoTime() {
        long now = System.nanoTime();
        return now == 0 ? 1 : now;
    }
}
