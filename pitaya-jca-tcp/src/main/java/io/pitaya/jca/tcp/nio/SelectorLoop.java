package io.pitaya.jca.tcp.nio;

import io.pitaya.protocol.PacketDecoder;
import io.pitaya.spi.ConnectionAcceptor;
import io.pitaya.spi.PacketSink;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One selector thread serving many connections, of every listener of the acceptor (plain and TLS side by side):
 * registers the channels the accept loops hand over, reads and
 * finishes blocked writes, and every {@link #TICK_MILLIS} closes connections whose write has stalled past the
 * write timeout (one sweep instead of a timer per connection).
 *
 * <p>Threading: {@link #run} is the selector thread. {@link #assign}, {@link #stop} and
 * {@link #wakeupIfForeign} are safe from any thread. The selector's key set is only touched by the selector
 * thread (or by {@link #stop} when the loop never ran).
 */
final class SelectorLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(SelectorLoop.class.getName());
    /** Failures caused by one connection: whatever a peer can trigger, so rate-limited (shared by all loops). */
    private static final RateLimitedLog CONNECTION_FAILURES = new RateLimitedLog(LOG, 10, 10_000);
    static final long TICK_MILLIS = 200;
    /** Pause after a failure of the loop itself (not of one connection), so a persistent one cannot spin. */
    private static final long FAILURE_PAUSE_MILLIS = 50;

    /**
     * What all loops of one acceptor share.
     *
     * @param applicationBufferSize the largest plaintext buffer any listener's transport needs (0 for plain TCP only)
     */
    record Shared(ConnectionAcceptor core, int maxBodyLength, int maxHandshakeLength, int applicationBufferSize,
                  long writeTimeoutNanos) {
    }

    /** An accepted channel waiting to be registered, with the listener it came through. */
    private record Incoming(SocketChannel channel, Listener listener) {
    }

    private final String name;
    private final Shared shared;
    private final Selector selector;
    private final ReadBuffers buffers;
    private final Queue<Incoming> incoming = new ConcurrentLinkedQueue<>();
    private final LoopState state = new LoopState();
    private volatile Thread thread;

    SelectorLoop(String name, Shared shared) throws IOException {
        this.name = name;
        this.shared = shared;
        this.selector = Selector.open();
        this.buffers = new ReadBuffers(shared.applicationBufferSize());
    }

    String name() {
        return name;
    }

    /** A decoder for one connection, with the acceptor's bounds. */
    PacketDecoder newDecoder() {
        return new PacketDecoder(shared.maxBodyLength(), shared.maxHandshakeLength());
    }

    /** Hands over a freshly accepted, non-blocking channel (already counted in its listener's connections). */
    void assign(SocketChannel channel, Listener listener) {
        incoming.add(new Incoming(channel, listener));
        selector.wakeup();
        if (state.isStopped()) {
            dropIncoming(); // stopped meanwhile: nobody else will take it
        }
    }

    @Override
    public void run() {
        if (!state.enter()) {
            return; // stopped before the runner got to it; stop() released everything
        }
        thread = Thread.currentThread();
        try {
            long nextSweep = System.nanoTime() + TICK_MILLIS * 1_000_000;
            while (state.isRunning() && selector.isOpen()) {
                try {
                    selector.select(this::onReady, TICK_MILLIS);
                    registerIncoming();
                    long now = System.nanoTime();
                    if (now - nextSweep >= 0) {
                        sweepStalledWrites(now);
                        nextSweep = now + TICK_MILLIS * 1_000_000;
                    }
                } catch (ClosedSelectorException e) {
                    break;
                } catch (Throwable e) { // an Error too: the loop serves every other connection, it must go on
                    CONNECTION_FAILURES.log(Level.SEVERE, name + ": failure in the selector loop; it goes on", e);
                    pauseAfterFailure();
                }
            }
        } finally {
            closeEverything();
            state.exited();
        }
    }

    /** Asks the loop to close its connections and end; see {@link #awaitExit}. */
    void stop() {
        if (state.stop()) {
            closeEverything(); // never ran: nothing is registered, only queued channels to drop
        } else {
            selector.wakeup();
        }
    }

    boolean awaitExit(long deadlineNanos) throws InterruptedException {
        return state.awaitExit(deadlineNanos);
    }

    /** After a change of interest from another thread: the select in progress must pick it up now. */
    void wakeupIfForeign() {
        if (Thread.currentThread() != thread) {
            selector.wakeup();
        }
    }

    /** Called once per connection when it closes, on whatever thread closed it, with its listener's count. */
    void connectionClosed(AtomicInteger connections) {
        connections.decrementAndGet();
        wakeupIfForeign(); // the socket is released when the selector drops the cancelled key
    }

    private void onReady(SelectionKey key) {
        NioConnection c = (NioConnection) key.attachment();
        try {
            int ready = key.readyOps();
            if ((ready & SelectionKey.OP_WRITE) != 0) {
                c.onWritable();
            }
            if ((ready & SelectionKey.OP_READ) != 0 && key.isValid()) {
                c.onReadable(buffers);
            }
        } catch (CancelledKeyException e) {
            // closed by another thread meanwhile
        } catch (Throwable e) { // an Error too (e.g. OutOfMemoryError): only this connection pays for it
            CONNECTION_FAILURES.log(e instanceof Error ? Level.SEVERE : Level.WARNING, c + ": unexpected failure; closing", e);
            closeAfterFailure(c);
        }
    }

    /** Closes a connection after a failure while serving it; a failure while closing must not end the loop either. */
    private static void closeAfterFailure(NioConnection c) {
        try {
            c.close();
        } catch (Throwable e) {
            CONNECTION_FAILURES.log(Level.SEVERE, c + ": failure while closing", e);
        }
    }

    private static void pauseAfterFailure() {
        try {
            Thread.sleep(FAILURE_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stop() ends the loop; the flag is kept for the runner
        }
    }

    private void registerIncoming() {
        Incoming next;
        while ((next = incoming.poll()) != null) {
            open(next.channel(), next.listener());
        }
    }

    private void open(SocketChannel channel, Listener listener) {
        NioConnection c;
        try {
            c = new NioConnection(channel, listener.io().open(channel), this, listener.connections());
        } catch (Throwable e) {
            CONNECTION_FAILURES.log(e instanceof Error ? Level.SEVERE : Level.FINE, "dropping a connection that could not be set up", e);
            closeUncounted(channel, listener);
            return;
        }
        PacketSink sink;
        try {
            c.register(selector);
            sink = shared.core().accept(c);
        } catch (IllegalStateException e) {
            LOG.log(Level.FINE, "{0}: refused, server not running: {1}", new Object[]{c, e.getMessage()});
            c.close(); // no sink yet, so no onClosed
            return;
        } catch (Throwable e) { // an Error too: this connection is dropped, the loop goes on
            CONNECTION_FAILURES.log(e instanceof Error ? Level.SEVERE : Level.WARNING, c + ": refused by the core", e);
            closeAfterFailure(c);
            return;
        }
        if (sink == null) {
            c.close();
            return;
        }
        c.open(sink);
    }

    private void sweepStalledWrites(long now) {
        long timeout = shared.writeTimeoutNanos();
        if (timeout <= 0) {
            return;
        }
        List<NioConnection> stalled = null;
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof NioConnection c && c.writeStalled(now, timeout)) {
                if (stalled == null) {
                    stalled = new ArrayList<>();
                }
                stalled.add(c);
            }
        }
        if (stalled != null) {
            for (NioConnection c : stalled) {
                LOG.log(Level.FINE, "{0}: write timed out", c);
                c.close(new IOException("write timed out after " + timeout / 1_000_000 + " ms: client not reading"));
            }
        }
    }

    private void closeEverything() {
        try {
            if (selector.isOpen()) {
                for (SelectionKey key : new ArrayList<>(selector.keys())) {
                    if (key.attachment() instanceof NioConnection c) {
                        closeAfterFailure(c); // one failing close must not leave the others open
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + ": failure while closing connections", e);
        }
        dropIncoming();
        try {
            selector.close(); // releases the sockets of cancelled keys
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing selector", e);
        }
    }

    private void dropIncoming() {
        Incoming next;
        while ((next = incoming.poll()) != null) {
            closeUncounted(next.channel(), next.listener());
        }
    }

    /** Closes a channel that never became a connection and gives back its listener's slot. */
    private static void closeUncounted(SocketChannel channel, Listener listener) {
        closeQuietly(channel);
        listener.connections().decrementAndGet();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
