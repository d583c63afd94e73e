package io.pitaya.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.pitaya.api.Session;
import io.pitaya.core.tracing.TracedCall;
import io.pitaya.core.tracing.Tracer;

import java.util.HashMap;
import java.util.Map;

/**
 * Pitaya's spans with OpenTelemetry, laid out as Go Pitaya's: a server span named after the route per client message
 * (attributes {@code local.id}, {@code msg.type}, {@code user.id}, {@code session.id}), a client span
 * {@code NATS RPC Call} per RPC ({@code peer.serverType}, {@code peer.id}); a failure sets the span's status to ERROR
 * with the message and Pitaya's code in {@code error.code}. The context crosses servers as Go Pitaya sends it: the W3C
 * trace context and baggage fields ({@code traceparent}, {@code tracestate}, {@code baggage}) in a map.
 */
public final class OpenTelemetryTracer implements Tracer {

    static final String INSTRUMENTATION = "io.pitaya";
    private static final TextMapPropagator W3C = TextMapPropagator.composite(
            W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());
    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final io.opentelemetry.api.trace.Tracer tracer;
    private final String serverId;

    public OpenTelemetryTracer(OpenTelemetry openTelemetry, String serverId) {
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
        this.serverId = serverId;
    }

    @Override
    public TracedCall message(String route, Session session, boolean request, Map<String, String> propagated) {
        Context parent = propagated.isEmpty() ? Context.current() : W3C.extract(Context.current(), propagated, MAP_GETTER);
        String uid = session.uid();
        Span span = tracer.spanBuilder(route).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute("local.id", serverId)
                .setAttribute("msg.type", request ? "request" : "notify")
                .setAttribute("user.id", uid == null ? "" : uid)
                .setAttribute("session.id", session.id())
                .startSpan();
        return new Call(span);
    }

    @Override
    public TracedCall remote(String route, Map<String, String> propagated) {
        Context parent = propagated.isEmpty() ? Context.current() : W3C.extract(Context.current(), propagated, MAP_GETTER);
        Span span = tracer.spanBuilder(route).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute("local.id", serverId)
                .setAttribute("msg.type", "rpc")
                .startSpan();
        return new Call(span);
    }

    @Override
    public TracedCall rpc(String route, String peerType, String peerId) {
        Span span = tracer.spanBuilder("NATS RPC Call").setParent(Context.current()).setSpanKind(SpanKind.CLIENT)
                .setAttribute("local.id", serverId)
                .setAttribute("peer.serverType", peerType)
                .setAttribute("peer.id", peerId)
                .setAttribute("route", route)
                .startSpan();
        return new Call(span);
    }

    @Override
    public String toString() {
        return "OpenTelemetry (" + INSTRUMENTATION + ")";
    }

    private record Call(Span span) implements TracedCall {

        @Override
        public Scope makeCurrent() {
            io.opentelemetry.context.Scope scope = span.makeCurrent();
            return scope::close;
        }

        @Override
        public Map<String, String> carrier() {
            Map<String, String> carrier = new HashMap<>();
            W3C.inject(Context.current().with(span), carrier, Map::put);
            return carrier;
        }

        @Override
        public void end(String code, String message) {
            if (code != null) {
                span.setAttribute("error.code", code);
                span.setStatus(StatusCode.ERROR, message == null ? code : message);
            }
            span.end();
        }
    }
}
