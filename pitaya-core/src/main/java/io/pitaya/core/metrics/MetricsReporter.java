package io.pitaya.core.metrics;

/**
 * Where the core reports Pitaya's metrics (PROTOCOL.md, "Metrics emitted"), as typed events: the core knows no
 * metrics library. The {@code pitaya-metrics} module implements it with Micrometer (Prometheus, StatsD); the
 * application's {@link io.pitaya.api.metrics.Reporter} beans get the same events through {@link ReporterAdapter}.
 *
 * <p>Called on I/O and handler threads, on every message: implementations must be cheap, thread-safe and must not
 * throw. Every method does nothing by default; {@link #NONE} is what the server uses without any reporter, and the
 * hot path skips its clock reads then.
 */
public interface MetricsReporter {

    MetricsReporter NONE = new MetricsReporter() {
        @Override
        public String toString() {
            return "no metrics";
        }
    };

    /**
     * A client message was answered (a request) or handled (a notify), or an RPC made here returned.
     *
     * @param route the full route, {@code serverType.service.method}
     * @param type  {@code handler} (client messages) or {@code rpc} (RPCs this server made)
     * @param code  Pitaya's error code, or null when it succeeded
     * @param nanos since the message arrived (or the RPC began)
     */
    default void responseTime(String route, String type, String code, long nanos) {
    }

    /**
     * A client message's handler (or its forwarding) began.
     *
     * @param type  {@code local} (handled here) or {@code remote} (forwarded)
     * @param nanos since the message arrived
     */
    default void handlerDelay(String route, String type, long nanos) {
    }

    /** The number of clients connected here changed. */
    default void connectedClients(int count) {
    }

    /** Something was queued on a bounded queue; {@code free} slots were left. */
    default void channelCapacity(String channel, int free) {
    }

    /** Cluster mode: the number of known servers of a type changed. */
    default void countServers(String serverType, int count) {
    }

    /** Cluster mode: messages the RPC server's subscription has dropped so far. */
    default void droppedMessages(long count) {
    }

    /** A packet was dropped by rate limiting. */
    default void exceededRateLimiting() {
    }
}
