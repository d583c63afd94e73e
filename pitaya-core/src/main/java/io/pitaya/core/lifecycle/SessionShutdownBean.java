package io.pitaya.core.lifecycle;

import io.pitaya.spi.SessionShutdown;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The {@link SessionShutdown} that acceptors stopped before the core (the WebSocket module) inject: it runs the
 * running server's {@link ServerLifecycle#closeSessions()} (the one {@link CoreReadiness} knows), and does nothing
 * when no server runs.
 *
 * <p>A plain CDI bean, not a call into the startup singleton EJB that drives {@link PitayaRuntime}: a container may
 * refuse calls to EJBs while it is suspended for shutdown, which is when this is needed.
 */
@ApplicationScoped
public class SessionShutdownBean implements SessionShutdown {

    @Override
    public void closeSessions() {
        CoreReadiness.closeSessions();
    }
}
