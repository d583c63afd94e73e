package io.pitaya.core.tracing;

import io.pitaya.api.Session;

import java.util.Map;

/**
 * Where the core starts its spans (Pitaya's tracing): one per client message handled or forwarded here, one per
 * message a backend serves for a frontend, one per RPC this server makes. The {@code pitaya-tracing} module implements
 * it with OpenTelemetry; the core knows no tracing library. {@link #NONE} (tracing off) costs nothing: the core does
 * not call it.
 */
public interface Tracer {

    Tracer NONE = new Tracer() {
        @Override
        public String toString() {
            return "no tracing";
        }
    };

    /**
     * A span for a client message on this server, named after its route.
     *
     * @param propagated the span context that came with it from another server (Pitaya's {@code otel-span}: W3C
     *                   {@code traceparent}, {@code tracestate}), or empty when the client sent it here
     */
    default TracedCall message(String route, Session session, boolean request, Map<String, String> propagated) {
        return TracedCall.NONE;
    }

    /**
     * A span for a user RPC (a {@code @Remote} call) this server serves for another, named after its route.
     *
     * @param propagated the caller's span context (Pitaya's {@code otel-span}), or empty
     */
    default TracedCall remote(String route, Map<String, String> propagated) {
        return TracedCall.NONE;
    }

    /** A span for an RPC this server makes to another (cluster mode), a child of the call current on this thread. */
    default TracedCall rpc(String route, String peerType, String peerId) {
        return TracedCall.NONE;
    }
}
