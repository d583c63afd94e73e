package io.pitaya.core.inflow;

/**
 * Whether this application's Pitaya server is running, readable without a container call. The TCP resource adapter
 * asks it (through {@link ConfiguredTcpSettings}) before handing a connection to the message-driven bean. Static on
 * purpose: it is the one fact shared between two container-managed lifecycles (the adapter's and the
 * application's), and the class belongs to this deployment's class loader, so it is per application.
 */
public final class CoreReadiness {

    private static volatile boolean running;

    private CoreReadiness() {
    }

    public static boolean isRunning() {
        return running;
    }

    public static void running(boolean value) {
        running = value;
    }
}
