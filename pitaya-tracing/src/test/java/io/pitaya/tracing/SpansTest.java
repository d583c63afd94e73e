package io.pitaya.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.pitaya.api.Handler;
import io.pitaya.api.PitayaException;
import io.pitaya.core.handler.HandlerRoute;
import io.pitaya.core.handler.Reply;
import io.pitaya.core.tracing.TracedCall;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import io.pitaya.protocol.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pitaya's spans through a real server and OpenTelemetry's SDK: one per client message, one per RPC, and the span
 * context crossing from a frontend to a backend in Pitaya's {@code otel-span} map.
 */
class SpansTest {

    @Handler("svc")
    public static class Svc {
        public String ping() {
            return "pong";
        }

        public String fail() {
            throw new PitayaException("RH-001", "nope");
        }
    }

    /** Keeps every ended span. */
    static final class Recorded implements SpanExporter {
        final List<SpanData> spans = new CopyOnWriteArrayList<>();

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.addAll(batch);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }

        SpanData named(String name) {
            return spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow(
                    () -> new AssertionError("no span " + name + " in " + spans));
        }
    }

    private final Recorded exporter = new Recorded();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(provider).build();
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        provider.close();
    }

    @Test
    void aSpanPerClientMessageNamedAfterItsRouteWithPitayasAttributesAndErrors() {
        TestServer server = TestServer.builder().handler(new Svc()).tracer(new OpenTelemetryTracer(otel, "front-1")).start();
        open.add(server);
        TestClient client = server.connect().ready();
        client.session().bind("alice");
        client.request(1, "svc.ping", "{}");
        client.request(2, "svc.fail", "{}");
        assertThat(client.response(1)).isEqualTo("\"pong\"");

        SpanData ok = exporter.named("connector.svc.ping");
        assertThat(ok.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(ok.getAttributes().get(AttributeKey.stringKey("local.id"))).isEqualTo("front-1");
        assertThat(ok.getAttributes().get(AttributeKey.stringKey("msg.type"))).isEqualTo("request");
        assertThat(ok.getAttributes().get(AttributeKey.stringKey("user.id"))).isEqualTo("alice");
        assertThat(ok.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

        SpanData failed = exporter.named("connector.svc.fail");
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failed.getStatus().getDescription()).isEqualTo("nope");
        assertThat(failed.getAttributes().get(AttributeKey.stringKey("error.code"))).isEqualTo("RH-001");
    }

    @Test
    void aForwardedMessageCarriesItsSpanContextToTheBackendInPitayasOtelSpanMap() {
        OpenTelemetryTracer frontTracer = new OpenTelemetryTracer(otel, "front-1");
        OpenTelemetryTracer backTracer = new OpenTelemetryTracer(otel, "room-1");
        TestServer backend = TestServer.builder().type("room").handler(new Svc()).tracer(backTracer).start();
        open.add(backend);
        TestClient backendSession = backend.connect().ready(); // the session a backend builds for the message
        List<Map<String, String>> carriers = new CopyOnWriteArrayList<>();
        // stands for the cluster forwarder: an RPC span whose carrier goes in the request's metadata (otel-span)
        TestServer frontend = TestServer.builder().tracer(frontTracer).remote((session, route, message) -> {
            TracedCall rpc = frontTracer.rpc(message.route(), "room", "room-1");
            Map<String, String> carrier = rpc.carrier();
            carriers.add(carrier);
            TracedCall served = backTracer.message(route.toString(), backendSession.session(), true, carrier);
            Reply reply = backend.server().dispatcher().handle(backendSession.session(),
                    HandlerRoute.parse("room.svc.ping", "room"), Message.request(message.id(), "room.svc.ping", new byte[0]));
            served.end(null, null);
            rpc.end(null, null);
            return CompletableFuture.completedFuture(reply);
        }).start();
        open.add(frontend);
        TestClient client = frontend.connect().ready();
        client.request(5, "room.svc.ping", "{}");
        assertThat(client.response(5)).isEqualTo("\"pong\"");

        assertThat(carriers.get(0)).containsKey("traceparent");
        SpanData front = exporter.spans.stream().filter(s -> s.getName().equals("room.svc.ping")
                && "front-1".equals(s.getAttributes().get(AttributeKey.stringKey("local.id")))).findFirst().orElseThrow();
        SpanData rpc = exporter.named("NATS RPC Call");
        SpanData back = exporter.spans.stream().filter(s -> s.getName().equals("room.svc.ping")
                && "room-1".equals(s.getAttributes().get(AttributeKey.stringKey("local.id")))).findFirst().orElseThrow();
        assertThat(rpc.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(rpc.getParentSpanId()).as("the RPC is a child of the client message's span").isEqualTo(front.getSpanId());
        assertThat(back.getTraceId()).as("one trace across the servers").isEqualTo(front.getTraceId());
        assertThat(back.getParentSpanId()).as("the backend's span is a child of the RPC").isEqualTo(rpc.getSpanId());
        assertThat(carriers.get(0).get("traceparent")).as("W3C traceparent: version-trace-span-flags")
                .startsWith("00-" + rpc.getTraceId() + "-" + rpc.getSpanId() + "-");
    }
}
