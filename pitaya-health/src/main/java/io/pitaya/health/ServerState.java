package io.pitaya.health;

import io.pitaya.core.health.ReadinessContributor;
import io.pitaya.core.lifecycle.CoreReadiness;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's liveness and readiness, computed from what the core and the modules already know (no network call):
 *
 * <ul>
 *   <li>live: the core has started and not stopped (draining still counts as live);</li>
 *   <li>ready: live, taking new connections (not draining or shutting down), the TCP adapter's endpoint active (not
 *       suspended), and every {@link ReadinessContributor} ready.</li>
 * </ul>
 *
 * @param data what the health answer shows, part by part
 */
record ServerState(boolean live, boolean ready, Map<String, Object> data) {

    /** What the core's static state says, plus the contributors. */
    static ServerState now(Iterable<ReadinessContributor> contributors) {
        return of(CoreReadiness.isStarted(), CoreReadiness.isRunning(),
                CoreReadiness.hasTcpAcceptor() ? CoreReadiness.isTcpAcceptorActive() : null, contributors);
    }

    /**
     * @param tcpActive null when the deployment has no TCP adapter
     */
    static ServerState of(boolean started, boolean accepting, Boolean tcpActive, Iterable<ReadinessContributor> contributors) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("core", started ? "started" : "stopped");
        data.put("accepting", accepting);
        boolean ready = started && accepting;
        if (tcpActive != null) {
            data.put("tcp", tcpActive ? "listening" : "not listening");
            ready &= tcpActive;
        }
        for (ReadinessContributor contributor : contributors) {
            boolean up;
            String detail;
            try {
                up = contributor.ready();
                detail = contributor.detail();
            } catch (RuntimeException e) {
                up = false;
                detail = "DOWN: " + e;
            }
            data.put(contributor.name(), detail);
            ready &= up;
        }
        return new ServerState(started, ready, Map.copyOf(data));
    }

    static ServerState of(boolean started, boolean accepting, Boolean tcpActive) {
        return of(started, accepting, tcpActive, List.of());
    }
}
