package io.pitaya.core.lifecycle;

import io.pitaya.core.group.MemoryGroups;
import io.pitaya.core.session.SessionRegistry;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Startup and shutdown of one server in Pitaya's order, without the container (which
 * {@link PitayaLifecycle} supplies):
 *
 * <ul>
 *   <li>start: the groups' janitor; every component's {@code init}, then every {@code afterInit}; then the server
 *       opens for connections;</li>
 *   <li>stop: new connections and handshakes are refused; with session drain, wait for the sessions to leave (up to
 *       the drain timeout); the server stops, closing every remaining session; wait (bounded) for their close
 *       callbacks; every component's {@code beforeShutdown}, then every {@code shutdown}, in reverse order; the
 *       janitor stops.</li>
 * </ul>
 */
public final class ServerLifecycle {

    private static final Logger LOG = Logger.getLogger(ServerLifecycle.class.getName());

    private final LifecycleConfig config;
    private final SessionRegistry sessions;
    private final MemoryGroups groups;
    private final Components components;
    private final ScheduledExecutorService scheduler;
    private final Runnable startServer;
    private final Runnable stopServer;
    private boolean started;

    public ServerLifecycle(LifecycleConfig config, SessionRegistry sessions, MemoryGroups groups, Components components,
                           ScheduledExecutorService scheduler, Runnable startServer, Runnable stopServer) {
        this.config = config;
        this.sessions = sessions;
        this.groups = groups;
        this.components = components;
        this.scheduler = scheduler;
        this.startServer = startServer;
        this.stopServer = stopServer;
    }

    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        groups.startJanitor(scheduler, config.groupsTick());
        try {
            components.start();
            try {
                startServer.run();
            } catch (RuntimeException | Error e) {
                components.stop();
                throw e;
            }
        } catch (RuntimeException | Error e) {
            groups.stopJanitor();
            throw e;
        }
        started = true;
    }

    public synchronized void stop() {
        if (!started) {
            return;
        }
        started = false;
        sessions.stopAccepting();
        if (config.drainEnabled()) {
            SessionDrain.drain(sessions, config.drainTimeout(), config.drainPeriod());
        }
        int open = sessions.count();
        try {
            stopServer.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stopping the Pitaya server failed", e);
        }
        awaitCloseCallbacks(open);
        components.stop();
        groups.stopJanitor();
    }

    private void awaitCloseCallbacks(int closed) {
        Duration timeout = config.closeAllTimeout();
        try {
            if (!sessions.awaitCloseWork(timeout)) {
                LOG.warning(() -> "closed " + closed + " sessions; " + sessions.closeWorkPending()
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
