package io.pitaya.core.lifecycle;

import io.pitaya.spi.SessionShutdown;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The {@link SessionShutdown} that acceptors stopped before the core (the WebSocket module) inject: it runs the
 * running server's {@link ServerLifecycle#closeSessions()}, and does nothing when no server runs.
 *
 * <p>A plain CDI bean, not a call into the startup singleton EJB that drives {@link PitayaRuntime}: a container may
 * refuse calls to EJBs while it is suspended for shutdown, which is when this is needed.
 */
@ApplicationScoped
public class SessionShutdownBean implements SessionShutdown {

    private volatile SessionShutdown running;

    /** Set by {@link PitayaRuntime} once the server runs, cleared once it stopped. */
    public void running(SessionShutdown lifecycle) {
        this.running = lifecycle;
    }

    @Override
    public void closeSessions() {
        SessionShutdown lifecycle = running;
        if (lifecycle != null) {
            lifecycle.closeSessions();
        }
    }
}
