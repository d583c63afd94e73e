package io.pitaya.core.lifecycle;

/**
 * This application's running Pitaya server as the TCP resource adapter sees it, without a container call (through
 * {@link io.pitaya.core.inflow.ConfiguredTcpSettings}): whether it takes new connections, and its session drain for when the adapter's
 * endpoint is deactivated. The WebSocket module's early session close goes through it too
 * ({@link SessionShutdownBean}). Static on purpose: it is what is shared between two container-managed lifecycles (the
 * adapter's and the application's), and the class belongs to this deployment's class loader, so it is per
 * application.
 */
public final class CoreReadiness {

    private static volatile ServerLifecycle running;
    /** The TCP adapter's endpoint: null until the adapter has said (no adapter in the deployment), then its state. */
    private static volatile Boolean tcpAcceptorActive;

    private CoreReadiness() {
    }

    /** Whether the server runs and takes new connections (not while it drains or shuts down). */
    public static boolean isRunning() {
        ServerLifecycle lifecycle = running;
        return lifecycle != null && lifecycle.isAccepting();
    }

    /** Whether the server has started and not stopped (draining or not): the liveness of the core. */
    public static boolean isStarted() {
        return running != null;
    }

    /**
     * Whether the TCP adapter's endpoint is active (its listeners listen): false while the container suspends the
     * server (it deactivates message-driven beans) and after undeploy; true when the deployment has no adapter.
     */
    public static boolean isTcpAcceptorActive() {
        Boolean active = tcpAcceptorActive;
        return active == null || active;
    }

    /** Whether this deployment's TCP adapter has reported its endpoint's state. */
    public static boolean hasTcpAcceptor() {
        return tcpAcceptorActive != null;
    }

    public static void tcpAcceptorActive(boolean active) {
        tcpAcceptorActive = active;
    }

    /** {@link ServerLifecycle#drainSessions()} of the running server; nothing when none runs. */
    public static void drainSessions() {
        ServerLifecycle lifecycle = running;
        if (lifecycle != null) {
            lifecycle.drainSessions();
        }
    }

    /** {@link ServerLifecycle#closeSessions()} of the running server; nothing when none runs. */
    public static void closeSessions() {
        ServerLifecycle lifecycle = running;
        if (lifecycle != null) {
            lifecycle.closeSessions();
        }
    }

    public static void running(ServerLifecycle lifecycle) {
        running = lifecycle;
    }

    public static void stopped() {
        running = null;
    }
}
