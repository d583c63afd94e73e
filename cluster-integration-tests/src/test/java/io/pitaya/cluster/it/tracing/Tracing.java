package io.pitaya.cluster.it.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.pitaya.api.Handler;
import io.pitaya.api.Session;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Routes the tests add to both EARs (service {@code tracing}, so {@code connector.tracing.*} and
 * {@code room.tracing.*}): the spans a server recorded, as a client can read them.
 */
@Handler("tracing")
public class Tracing {

    private static final AttributeKey<Long> SESSION_ID = AttributeKey.longKey("session.id");

    @Inject
    RecordedSpans recorded;

    /** Route {@code <type>.tracing.bind}: binds the caller's session to the uid it is sent. */
    public byte[] bind(Session session, byte[] uid) {
        session.bind(new String(uid, StandardCharsets.UTF_8));
        return uid;
    }

    /**
     * Route {@code <type>.tracing.spans}: every span this server ended in the traces that have a span of the caller's
     * session id (on a backend: of any frontend's session with that id).
     */
    public Spans spans(Session session) {
        List<SpanData> all = List.copyOf(recorded.ended());
        Set<String> traces = all.stream()
                .filter(span -> Long.valueOf(session.id()).equals(span.getAttributes().get(SESSION_ID)))
                .map(SpanData::getTraceId)
                .collect(Collectors.toSet());
        return new Spans(all.stream().filter(span -> traces.contains(span.getTraceId())).map(Tracing::view).toList());
    }

    private static SpanView view(SpanData span) {
        Map<String, String> attributes = new TreeMap<>();
        span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), String.valueOf(value)));
        return new SpanView(span.getName(), span.getKind().name(), span.getTraceId(), span.getSpanId(),
                span.getParentSpanId(), attributes, span.getStatus().getStatusCode().name(),
                span.getStatus().getDescription());
    }

    public record Spans(List<SpanView> spans) {
    }

    public record SpanView(String name, String kind, String traceId, String spanId, String parentSpanId,
                           Map<String, String> attributes, String status, String statusDescription) {
    }
}
