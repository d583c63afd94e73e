package io.pitaya.jca.tcp.nio;

import io.pitaya.spi.ConnectionAcceptor;
import io.pitaya.spi.TcpSettings;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pitaya's TCP (optionally TLS) acceptor as plain Java NIO: one accept loop plus
 * {@link TcpSettings#selectorThreads()} selector loops serve every connection, and each connection is handed to
 * the core as a {@link io.pitaya.spi.Connection}.
 *
 * <p>{@link #start()} asks the {@link LoopRunner} for {@code selectorThreads + 1} long-running loops. Packets reach
 * the core on selector threads; the core may write from any thread.
 *
 * <p>Thread-safe. {@link #start()} once; {@link #close()} any number of times, from any thread.
 */
public final class TcpAcceptor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TcpAcceptor.class.getName());
    private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final TcpSettings settings;
    private final ConnectionAcceptor core;
    private final LoopRunner runner;
    private final AtomicInteger connections = new AtomicInteger();
    private final Object lifecycle = new Object();
    // all guarded by lifecycle
    private boolean started;
    private boolean closed;
    private ServerSocketChannel server;
    private AcceptLoop acceptLoop;
    private final List<SelectorLoop> selectors = new ArrayList<>();
    private volatile InetSocketAddress localAddress;

    /** @param runner starts each long-running loop (the container's WorkManager; tests pass threads) */
    public TcpAcceptor(TcpSettings settings, ConnectionAcceptor core, LoopRunner runner) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.core = Objects.requireNonNull(core, "core");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /**
     * Builds the TLS context (if any), binds with {@code SO_REUSEADDR} (so a redeploy can rebind at once) and starts
     * the loops.
     *
     * @throws IOException           when the port cannot be bound, the TLS configuration is unusable, or the
     *                               runner refused a loop; nothing stays open then
     * @throws IllegalStateException when already started or closed
     */
    public void start() throws IOException {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("TCP acceptor already closed");
            }
            if (started) {
                throw new IllegalStateException("TCP acceptor already started");
            }
            started = true;
            try {
                ChannelIo.Factory ioFactory = settings.tls() == null
                        ? PlainChannelIo.FACTORY
                        : TlsChannelIo.factory(TlsContexts.create(settings.tls()));
                SelectorLoop.Shared shared = new SelectorLoop.Shared(core, core.maxPacketBodyLength(), ioFactory,
                        writeTimeoutNanos(settings.writeTimeout()), connections);
                server = ServerSocketChannel.open();
                server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                server.bind(bindAddress(), settings.backlog());
                localAddress = (InetSocketAddress) server.getLocalAddress();
                String where = ioFactory == PlainChannelIo.FACTORY ? "tcp" : "tls";
                for (int i = 0; i < settings.selectorThreads(); i++) {
                    selectors.add(new SelectorLoop("pitaya-" + where + "-selector-" + i + ":" + localAddress.getPort(),
                            shared));
                }
                for (SelectorLoop loop : selectors) {
                    runner.start(loop.name(), loop);
                }
                acceptLoop = new AcceptLoop(server, List.copyOf(selectors), settings.maxConnections(), connections);
                runner.start("pitaya-" + where + "-accept:" + localAddress.getPort(), acceptLoop);
                LOG.log(Level.INFO, "Pitaya {0} acceptor listening on {1} with {2} selector thread(s)",
                        new Object[]{where, localAddress, selectors.size()});
            } catch (Exception e) {
                shutdown();
                if (e instanceof IOException io) {
                    throw io;
                }
                throw new IOException("cannot start the TCP acceptor on " + settings.host() + ":" + settings.port()
                        + ": " + e, e);
            }
        }
    }

    /** The bound address (the real port when the settings asked for port 0), or null before {@link #start()}. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Open connections, including those being handed to the core. */
    public int connectionCount() {
        return connections.get();
    }

    /**
     * Stops accepting and releases the port, closes every connection (each sink gets {@code onClosed} once), stops
     * the loops, and waits for them (at most about 5 s). Idempotent.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            shutdown();
        }
    }

    private void shutdown() {
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        try {
            if (acceptLoop != null) {
                acceptLoop.stop();
            }
            if (server != null) {
                server.close(); // releases the port and ends the blocking accept
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the server socket", e);
        }
        try {
            if (acceptLoop != null && !acceptLoop.awaitExit(deadline)) {
                LOG.warning("TCP accept loop did not end in time");
            }
            for (SelectorLoop loop : selectors) {
                loop.stop();
            }
            for (SelectorLoop loop : selectors) {
                if (!loop.awaitExit(deadline)) {
                    LOG.log(Level.WARNING, "{0} did not end in time; its connections may still be open", loop.name());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warning("interrupted while waiting for the TCP acceptor's loops to end");
        }
    }

    private InetSocketAddress bindAddress() {
        String host = settings.host();
        return host == null || host.isBlank() ? new InetSocketAddress(settings.port())
                : new InetSocketAddress(host, settings.port());
    }

    private static long writeTimeoutNanos(Duration timeout) {
        return timeout == null || timeout.isNegative() || timeout.isZero() ? 0 : timeout.toNanos();
    }
}
