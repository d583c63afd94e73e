package io.pitaya.core.lifecycle;

import io.pitaya.core.group.GroupServiceContext;
import io.pitaya.core.group.ServiceGroups;
import io.pitaya.core.module.Modules;
import io.pitaya.core.server.PitayaServer;
import io.pitaya.core.server.ServerStart;
import io.pitaya.core.session.LinkedSession;
import io.pitaya.core.session.SessionPool;
import io.pitaya.spi.SessionShutdown;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Startup and shutdown of one server in Pitaya's order, without the container (which {@link PitayaRuntime}
 * supplies); the one start path is {@code PitayaLifecycle} (EJB) → {@link PitayaRuntime} (CDI) → this →
 * {@link PitayaServer} and the {@link Modules}:
 *
 * <ul>
 *   <li>start: the group service (the memory groups' janitor, or the etcd client); every component's
 *       {@code init}, then every {@code afterInit}; then the server
 *       builds its route table and opens for connections; then the modules start;</li>
 *   <li>stop: first {@link #closeSessions()} (the modules hear {@code beforeSessionsDrain}; new connections and
 *       handshakes are refused; with session drain, wait for the sessions to leave, up to the drain timeout; every
 *       remaining session is closed; wait (bounded) for their close callbacks); then the modules stop; every
 *       component's {@code beforeShutdown}, then every {@code shutdown}, in reverse order; the group service stops.</li>
 * </ul>
 *
 * <p>{@link #closeSessions()} may also run on its own, earlier, from another thread: an acceptor that the container
 * stops before the core calls it while its connections still work (see {@link SessionShutdown}); {@link #stop()}
 * then finds it done. {@link #drainSessions()} is the same drain without the shutdown, for a container that suspends
 * the server (and may resume it).
 */
public final class ServerLifecycle implements SessionShutdown {

    private static final Logger LOG = Logger.getLogger(ServerLifecycle.class.getName());
    /** Beyond its own bounds, how long a second caller of {@link #closeSessions()} waits for the first. */
    private static final Duration CLOSE_SESSIONS_GRACE = Duration.ofSeconds(5);
    /** Why the sessions a drain did not see leave are closed, as the server's stop says too. */
    private static final String CLOSE_REASON = "server shutting down";

    private final LifecycleConfig config;
    private final PitayaServer server;
    private final ServerStart serverStart;
    private final SessionPool sessions;
    private final Modules modules;
    private final Components components;
    private final ServiceGroups groups;
    private final AtomicReference<CompletableFuture<Void>> closingSessions = new AtomicReference<>();
    private volatile boolean started;

    /**
     * @param serverStart what the server runs with (its timers also run the groups' janitor)
     */
    public ServerLifecycle(LifecycleConfig config, PitayaServer server, ServerStart serverStart, Modules modules,
                           Components components, ServiceGroups groups) {
        this.config = config;
        this.server = server;
        this.serverStart = serverStart;
        this.sessions = server.sessions();
        this.modules = modules;
        this.components = components;
        this.groups = groups;
    }

    public synchronized void start() {
        if (started || closingSessions.get() != null) {
            throw new IllegalStateException("already started");
        }
        startGroups();
        try {
            components.start();
            try {
                openServer();
            } catch (RuntimeException | Error e) {
                components.stop();
                throw e;
            }
        } catch (RuntimeException | Error e) {
            groups.stop();
            throw e;
        }
        started = true;
    }

    private void startGroups() {
        try {
            groups.start(new GroupServiceContext(serverStart.scheduler(), config.groupsTick()));
        } catch (RuntimeException e) {
            groups.stop();
            throw e;
        } catch (Exception e) {
            groups.stop();
            throw new IllegalStateException("the group service cannot start: " + e.getMessage(), e);
        }
    }

    /** The server opens, then the modules start (Pitaya starts its modules once the acceptors listen). */
    private void openServer() {
        server.start(serverStart);
        try {
            modules.start();
        } catch (RuntimeException | Error e) {
            server.stop();
            throw e;
        }
    }

    public synchronized void stop() {
        if (!started) {
            return;
        }
        closeSessions();
        started = false;
        try {
            modules.stop();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stopping the Pitaya modules failed", e);
        }
        components.stop();
        groups.stop();
    }

    /**
     * Refuses new connections and handshakes for good, drains the sessions when session drain is enabled, then closes
     * every remaining session and waits (bounded) for their close callbacks. Once: later and concurrent calls wait
     * for the first (bounded) and return. Does nothing before {@link #start()} or after {@link #stop()}.
     */
    @Override
    public void closeSessions() {
        if (!started) {
            return;
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> first = closingSessions.compareAndExchange(null, mine);
        if (first != null) {
            awaitClosingSessions(first);
            return;
        }
        try {
            modules.beforeSessionsDrain(); // e.g. cluster mode leaves service discovery: no new players come here
            sessions.gate().stopAccepting();
            if (config.drainEnabled()) {
                SessionDrain.drain(sessions, config.drainTimeout(), config.drainPeriod());
            }
            int open = sessions.count();
            try {
                server.stop();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing the sessions of the Pitaya server failed", e);
            }
            awaitCloseCallbacks(open);
        } finally {
            mine.complete(null);
        }
    }

    /**
     * The session drain of a stop the server may come back from, for an acceptor whose container stops it before
     * anything else (the TCP adapter's endpoint is deactivated when the server suspends, also before a shutdown).
     * With session drain enabled: new connections and handshakes are refused meanwhile; wait until every session has
     * left or the drain timeout has passed; close the remaining sessions (every transport's) and wait (bounded) for
     * their close callbacks; then connections are accepted again, unless the shutdown ({@link #closeSessions()}) has
     * begun meanwhile. When the shutdown has begun already, this waits for it to close the sessions. Without session
     * drain, or when the server does not run, it does nothing.
     */
    public void drainSessions() {
        if (!started || !config.drainEnabled()) {
            return;
        }
        CompletableFuture<Void> closing = closingSessions.get();
        if (closing != null) {
            awaitClosingSessions(closing); // the shutdown drains already: its end is this drain's end
            return;
        }
        Runnable resume = sessions.gate().pauseAccepting();
        try {
            SessionDrain.drain(sessions, config.drainTimeout(), config.drainPeriod());
            List<LinkedSession> open = List.copyOf(sessions.all());
            for (LinkedSession session : open) {
                session.link().close(CLOSE_REASON);
            }
            awaitCloseCallbacks(open.size());
        } finally {
            resume.run();
        }
    }

    /** Whether {@link #closeSessions()} has begun (new connections are refused from then on). */
    public boolean isClosingSessions() {
        return closingSessions.get() != null;
    }

    /** Whether new connections are taken now: the server runs and neither its shutdown nor a drain refuses them. */
    public boolean isAccepting() {
        return started && sessions.gate().isAccepting();
    }

    /** What one {@link #closeSessions()} may take at most: the drain, then the wait for close callbacks. */
    Duration closeSessionsBound() {
        Duration drain = config.drainEnabled() ? config.drainTimeout() : Duration.ZERO;
        return drain.plus(config.closeAllTimeout()).plus(CLOSE_SESSIONS_GRACE);
    }

    private void awaitClosingSessions(CompletableFuture<Void> first) {
        Duration bound = closeSessionsBound();
        try {
            first.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warning(() -> "sessions still closing after " + bound + ": going on with the shutdown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warning("interrupted while waiting for the sessions to close");
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "closing the sessions failed", e.getCause());
        }
    }

    private void awaitCloseCallbacks(int closed) {
        Duration timeout = config.closeAllTimeout();
        try {
            if (!sessions.gate().awaitCloseWork(timeout)) {
                LOG.warning(() -> "closed " + closed + " sessions; " + sessions.gate().closeWorkPending()
                        + " of them still run close callbacks after " + timeout + " (" + LifecycleConfig.CLOSE_ALL_TIMEOUT
                        + "): shutting down anyway");
            } else if (closed > 0) {
                LOG.info(() -> "closed " + closed + " sessions, close callbacks done");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warning("interrupted while waiting for session close callbacks");
        }
    }
}
