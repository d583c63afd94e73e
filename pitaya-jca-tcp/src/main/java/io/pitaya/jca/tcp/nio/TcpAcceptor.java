package io.pitaya.jca.tcp.nio;

import io.pitaya.spi.ConnectionAcceptor;
import io.pitaya.spi.TcpSettings;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pitaya's TCP (optionally TLS) acceptor as plain Java NIO, with one or more listeners (e.g. plain TCP on one port
 * and TLS on another, like Pitaya's {@code AddAcceptor} called twice): one accept loop per listener plus
 * {@link TcpSettings#selectorThreads()} selector loops shared by every listener serve all connections, and each
 * connection is handed to the core as a {@link io.pitaya.spi.Connection}.
 *
 * <p>{@link #start()} asks the {@link LoopRunner} for {@code selectorThreads + listeners} long-running loops.
 * Packets reach the core on selector threads; the core may write from any thread.
 *
 * <p>Thread-safe. {@link #start()} once; {@link #stopListening()} and {@link #close()} any number of times, from
 * any thread.
 */
public final class TcpAcceptor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TcpAcceptor.class.getName());
    private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final List<TcpSettings> settings;
    private final ConnectionAcceptor core;
    private final LoopRunner runner;
    private final Object lifecycle = new Object();
    // all guarded by lifecycle
    private boolean started;
    private boolean closed;
    private final List<Bound> bound = new ArrayList<>();
    private final List<SelectorLoop> selectors = new ArrayList<>();
    private volatile List<Listener> listeners = List.of();
    private volatile Map<String, InetSocketAddress> localAddresses = Map.of();

    /** One listening socket and its accept loop. */
    private static final class Bound {
        final TcpSettings settings;
        final Listener listener;
        final ServerSocketChannel server;
        InetSocketAddress address;
        AcceptLoop acceptLoop;

        Bound(TcpSettings settings, Listener listener, ServerSocketChannel server) {
            this.settings = settings;
            this.listener = listener;
            this.server = server;
        }
    }

    /** One listener; see {@link #TcpAcceptor(List, ConnectionAcceptor, LoopRunner)}. */
    public TcpAcceptor(TcpSettings settings, ConnectionAcceptor core, LoopRunner runner) {
        this(List.of(Objects.requireNonNull(settings, "settings")), core, runner);
    }

    /**
     * @param listeners every listener to open, each with a distinct name; they must agree on
     *                  {@link TcpSettings#selectorThreads()} and {@link TcpSettings#writeTimeout()}, which belong to
     *                  the shared selector loops
     * @param runner    starts each long-running loop (the container's WorkManager; tests pass threads)
     * @throws IllegalArgumentException when there is no listener, names repeat, or the shared settings differ
     */
    public TcpAcceptor(List<TcpSettings> listeners, ConnectionAcceptor core, LoopRunner runner) {
        this.settings = List.copyOf(Objects.requireNonNull(listeners, "listeners"));
        this.core = Objects.requireNonNull(core, "core");
        this.runner = Objects.requireNonNull(runner, "runner");
        if (settings.isEmpty()) {
            throw new IllegalArgumentException("a TCP acceptor needs at least one listener");
        }
        TcpSettings first = settings.get(0);
        Set<String> names = new HashSet<>();
        for (TcpSettings s : settings) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("two TCP listeners are named '" + s.name() + "'");
            }
            if (s.selectorThreads() != first.selectorThreads() || !Objects.equals(s.writeTimeout(), first.writeTimeout())) {
                throw new IllegalArgumentException("TCP listeners '" + first.name() + "' and '" + s.name()
                        + "' differ in selector threads or write timeout, which all listeners share");
            }
        }
    }

    /**
     * Builds every listener's TLS context (if any), then binds every port with {@code SO_REUSEADDR} (so a redeploy
     * can rebind at once), then starts the selector loops and one accept loop per listener. Logs one line per
     * listener.
     *
     * @throws IOException           when a port cannot be bound, a TLS configuration is unusable, or the runner
     *                               refused a loop; the message names the listener; nothing stays open then
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
                List<Listener> created = createListeners(); // TLS problems fail before any port is bound
                listeners = created;
                int applicationBufferSize = 0;
                for (int i = 0; i < settings.size(); i++) {
                    bind(settings.get(i), created.get(i));
                    applicationBufferSize = Math.max(applicationBufferSize, created.get(i).io().applicationBufferSize());
                }
                TcpSettings first = settings.get(0);
                SelectorLoop.Shared shared = new SelectorLoop.Shared(core, core.maxPacketBodyLength(),
                        core.maxHandshakeBodyLength(), applicationBufferSize, writeTimeoutNanos(first.writeTimeout()));
                int port = bound.get(0).address.getPort();
                for (int i = 0; i < first.selectorThreads(); i++) {
                    selectors.add(new SelectorLoop("pitaya-tcp-selector-" + i + ":" + port, shared));
                }
                for (SelectorLoop loop : selectors) {
                    runner.start(loop.name(), loop);
                }
                for (Bound b : bound) {
                    b.acceptLoop = new AcceptLoop(b.server, List.copyOf(selectors), b.listener);
                    runner.start("pitaya-" + b.listener.transport() + "-accept-" + b.listener.name() + ":"
                            + b.address.getPort(), b.acceptLoop);
                }
                Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
                for (Bound b : bound) {
                    addresses.put(b.listener.name(), b.address);
                }
                localAddresses = Collections.unmodifiableMap(addresses);
                for (Bound b : bound) {
                    LOG.log(Level.INFO, "Pitaya TCP listener ''{0}'' on {1} ({2}), {3} selector thread(s) shared by {4} listener(s)",
                            new Object[]{b.listener.name(), b.address, b.settings.tls() != null ? "TLS" : "plain TCP",
                                    selectors.size(), bound.size()});
                }
            } catch (Exception e) {
                shutdown();
                if (e instanceof IOException io) {
                    throw io;
                }
                throw new IOException("cannot start the TCP acceptor: " + e, e);
            }
        }
    }

    private List<Listener> createListeners() throws IOException {
        List<Listener> created = new ArrayList<>();
        for (TcpSettings s : settings) {
            ChannelIo.Factory io;
            try {
                io = s.tls() == null ? PlainChannelIo.FACTORY : TlsChannelIo.factory(TlsContexts.create(s.tls()));
            } catch (IOException e) {
                throw new IOException(describe(s) + ": " + e.getMessage(), e);
            }
            created.add(new Listener(s.name(), io, s.maxConnections()));
        }
        return List.copyOf(created);
    }

    /** Binds one listener's port; on failure the caller's shutdown closes the ports bound so far. */
    private void bind(TcpSettings s, Listener listener) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        Bound b = new Bound(s, listener, server);
        bound.add(b); // closed by shutdown() even when binding fails
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(bindAddress(s), s.backlog());
            b.address = (InetSocketAddress) server.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            throw new IOException(describe(s) + ": cannot listen: " + e.getMessage(), e);
        }
    }

    private static String describe(TcpSettings s) {
        return "TCP listener '" + s.name() + "' on " + s.host() + ":" + s.port() + (s.tls() != null ? " (TLS)" : "");
    }

    /** The first listener's bound address (the real port when it asked for port 0), or null before {@link #start()}. */
    public InetSocketAddress localAddress() {
        Map<String, InetSocketAddress> addresses = localAddresses;
        return addresses.isEmpty() ? null : addresses.values().iterator().next();
    }

    /** Every listener's bound address by name, in the order given; empty before {@link #start()}. */
    public Map<String, InetSocketAddress> localAddresses() {
        return localAddresses;
    }

    /** Open connections of all listeners, including those being handed to the core. */
    public int connectionCount() {
        int n = 0;
        for (Listener l : listeners) {
            n += l.connections().get();
        }
        return n;
    }

    /** Open connections of one listener, or 0 for an unknown name. */
    public int connectionCount(String listener) {
        for (Listener l : listeners) {
            if (l.name().equals(listener)) {
                return l.connections().get();
            }
        }
        return 0;
    }

    /**
     * Stops accepting: every listening socket closes (new connections are refused, the ports are released) while the
     * open connections keep being served until {@link #close()} (a graceful stop: the session drain happens between
     * the two). Waits for the accept loops to end (at most about 5 s). Idempotent.
     */
    public void stopListening() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            try {
                stopAccepting(System.nanoTime() + CLOSE_WAIT_NANOS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warning("interrupted while waiting for the TCP acceptor's accept loops to end");
            }
        }
    }

    /**
     * Stops accepting and releases every port, closes every connection (each sink gets {@code onClosed} once),
     * stops the loops, and waits for them (at most about 5 s). Idempotent.
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

    /** Stops the accept loops and closes the listening sockets; the connections stay. Caller holds {@code lifecycle}. */
    private void stopAccepting(long deadline) throws InterruptedException {
        for (Bound b : bound) {
            if (b.acceptLoop != null) {
                b.acceptLoop.stop();
            }
            try {
                b.server.close(); // releases the port and ends the blocking accept
            } catch (IOException e) {
                LOG.log(Level.WARNING, "closing the server socket of TCP listener " + b.listener.name(), e);
            }
        }
        for (Bound b : bound) {
            if (b.acceptLoop != null && !b.acceptLoop.awaitExit(deadline)) {
                LOG.log(Level.WARNING, "accept loop of TCP listener {0} did not end in time", b.listener.name());
            }
        }
    }

    private void shutdown() {
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        try {
            stopAccepting(deadline);
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

    private static InetSocketAddress bindAddress(TcpSettings s) {
        String host = s.host();
        return host == null || host.isBlank() ? new InetSocketAddress(s.port()) : new InetSocketAddress(host, s.port());
    }

    private static long writeTimeoutNanos(Duration timeout) {
        return timeout == null || timeout.isNegative() || timeout.isZero() ? 0 : timeout.toNanos();
    }
}
