package io.pitaya.jca.tcp.nio;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Accepts the connections of one listener with a blocking {@code accept()} on its own loop and deals them
 * round-robin to the selector loops (shared by all listeners of the acceptor). A dedicated loop keeps accepting
 * independent of how busy the selectors are; closing the server channel ends it. Connections beyond the
 * listener's {@code maxConnections} are closed at once, before any per-connection state exists.
 *
 * <p>Threading: {@link #run} is the only thread that accepts and increments the listener's {@code connections},
 * so the limit check needs no lock; {@link #stop} may be called from any thread.
 */
final class AcceptLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(AcceptLoop.class.getName());
    /** Pause after an accept failure such as running out of file descriptors, instead of spinning. */
    private static final long FAILURE_PAUSE_MILLIS = 100;
    private static final RateLimitedLog FAILURES = new RateLimitedLog(LOG, 10, 10_000);

    private final ServerSocketChannel server;
    private final List<SelectorLoop> selectors;
    private final Listener listener;
    private final LoopState state = new LoopState();
    private int next;

    AcceptLoop(ServerSocketChannel server, List<SelectorLoop> selectors, Listener listener) {
        this.server = server;
        this.selectors = selectors;
        this.listener = listener;
    }

    @Override
    public void run() {
        if (!state.enter()) {
            return;
        }
        try {
            while (state.isRunning()) {
                SocketChannel channel;
                try {
                    channel = server.accept();
                } catch (ClosedChannelException e) {
                    return; // also AsynchronousCloseException: the acceptor is closing
                } catch (IOException | RuntimeException | Error e) {
                    if (!server.isOpen()) {
                        return;
                    }
                    FAILURES.log(e instanceof Error ? Level.SEVERE : Level.WARNING, "accept failed on " + server + "; retrying", e);
                    Thread.sleep(FAILURE_PAUSE_MILLIS);
                    continue;
                }
                try {
                    dispatch(channel);
                } catch (Throwable e) { // an Error too: drop this connection, keep accepting
                    FAILURES.log(Level.SEVERE, "accept loop of " + listener.name() + ": failure while handing over a connection; it goes on", e);
                    closeQuietly(channel);
                    Thread.sleep(FAILURE_PAUSE_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            state.exited();
        }
    }

    /** Stops accepting; the caller closes the server channel, which unblocks {@code accept()}. */
    void stop() {
        state.stop();
    }

    boolean awaitExit(long deadlineNanos) throws InterruptedException {
        return state.awaitExit(deadlineNanos);
    }

    private void dispatch(SocketChannel channel) {
        int maxConnections = listener.maxConnections();
        if (maxConnections > 0 && listener.connections().get() >= maxConnections) {
            LOG.log(Level.FINE, "listener {0}: connection limit {1} reached; closing a new connection",
                    new Object[]{listener.name(), maxConnections});
            closeQuietly(channel);
            return;
        }
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        } catch (IOException e) {
            closeQuietly(channel); // reset before we got to it
            return;
        }
        listener.connections().incrementAndGet();
        SelectorLoop loop = selectors.get(next);
        next = (next + 1) % selectors.size();
        loop.assign(channel, listener);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
