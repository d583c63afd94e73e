package io.pitaya.cluster.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitaya.client.PitayaClient;
import io.pitaya.client.Response;
import io.pitaya.cluster.it.support.ClusterEnvironment;
import io.pitaya.cluster.it.support.ClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static io.pitaya.cluster.it.Clients.connect;
import static io.pitaya.cluster.it.Clients.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tracing in the running cluster (pitaya.tracing.enabled on every server, spans into the tracing probe's in-memory
 * OpenTelemetry SDK, read back through {@code <type>.tracing.spans}): a client's forwarded request is one trace across
 * the connector and the room, its context carried in the RPC's {@code otel-span} metadata.
 */
@ExtendWith(ClusterExtension.class)
class TracingIT {

    private static final Duration SPANS_WITHIN = Duration.ofSeconds(5);
    private static ClusterEnvironment cluster;

    @BeforeAll
    static void cluster(ClusterEnvironment environment) {
        cluster = environment;
    }

    @Test
    void aForwardedRequestIsOneTraceFromTheConnectorsHandlerThroughItsRpcToTheRoom() throws Exception {
        try (PitayaClient client = connect(cluster.connectorWebSocket())) {
            String uid = "tracer-" + System.nanoTime();
            assertThat(request(client, "connector.tracing.bind", uid).isError()).isFalse();
            Response where = request(client, "room.probe.where", "{}");
            assertThat(where.isError()).as("%s", where).isFalse();
            String sessionId = where.json().path("sessionId").asText();

            List<JsonNode> onConnector = awaitSpans(client, "connector", null, "room.probe.where", "SERVER", "CLIENT");
            JsonNode handler = only(onConnector, "room.probe.where", "SERVER");
            JsonNode rpc = only(onConnector, "NATS RPC Call", "CLIENT");
            String trace = handler.path("traceId").asText();
            assertThat(rpc.path("traceId").asText()).isEqualTo(trace);
            // the room's span of this request, if any, is in the connector's trace
            JsonNode served = only(awaitSpans(client, "room", trace, "room.probe.where", "SERVER"),
                    "room.probe.where", "SERVER");

            assertThat(rpc.path("parentSpanId").asText()).isEqualTo(handler.path("spanId").asText());
            assertThat(served.path("parentSpanId").asText()).as("the room's span is a child of the connector's RPC")
                    .isEqualTo(rpc.path("spanId").asText());

            assertThat(attribute(handler, "local.id")).isEqualTo(ClusterEnvironment.CONNECTOR_ID);
            assertThat(attribute(handler, "msg.type")).isEqualTo("request");
            assertThat(attribute(handler, "session.id")).isEqualTo(sessionId);
            assertThat(attribute(handler, "user.id")).isEqualTo(uid);
            assertThat(attribute(rpc, "route")).isEqualTo("room.probe.where");
            assertThat(attribute(rpc, "peer.serverType")).isEqualTo("room");
            assertThat(attribute(rpc, "peer.id")).isEqualTo(ClusterEnvironment.ROOM_ID);
            assertThat(attribute(served, "local.id")).isEqualTo(ClusterEnvironment.ROOM_ID);
            assertThat(attribute(served, "session.id")).isEqualTo(sessionId);
            assertThat(attribute(served, "user.id")).isEqualTo(uid);
            for (JsonNode span : List.of(handler, rpc, served)) {
                assertThat(span.path("status").asText()).as("%s", span).isEqualTo("UNSET");
            }
        }
    }

    @Test
    void aRemoteTheRoomCallsOnTheConnectorContinuesTheClientsTrace() throws Exception {
        try (PitayaClient client = connect(cluster.connectorWebSocket())) {
            Response response = request(client, "room.probe.connector", "{}");
            assertThat(response.isError()).as("%s", response).isFalse();

            JsonNode handler = only(awaitSpans(client, "connector", null, "room.probe.connector", "SERVER", "CLIENT"),
                    "room.probe.connector", "SERVER");
            String trace = handler.path("traceId").asText();
            JsonNode served = only(awaitSpans(client, "room", trace, "room.probe.connector", "SERVER"),
                    "room.probe.connector", "SERVER");
            JsonNode call = only(awaitSpans(client, "room", trace, "connector.roster.info", "CLIENT"),
                    "NATS RPC Call", "CLIENT");
            JsonNode remote = only(awaitSpans(client, "connector", trace, "connector.roster.info", "SERVER"),
                    "connector.roster.info", "SERVER");

            assertThat(call.path("parentSpanId").asText()).as("the room's RPC is a child of its handler's span")
                    .isEqualTo(served.path("spanId").asText());
            assertThat(attribute(call, "route")).isEqualTo("connector.roster.info");
            assertThat(attribute(call, "peer.serverType")).isEqualTo("connector");
            assertThat(attribute(call, "peer.id")).isEqualTo(ClusterEnvironment.CONNECTOR_ID);
            assertThat(remote.path("parentSpanId").asText()).as("the connector's remote span is a child of that RPC")
                    .isEqualTo(call.path("spanId").asText());
            assertThat(attribute(remote, "msg.type")).isEqualTo("rpc");
            assertThat(attribute(remote, "local.id")).isEqualTo(ClusterEnvironment.CONNECTOR_ID);
        }
    }

    @Test
    void aFailingRoomRouteEndsTheSpansOnBothServersWithPitayasErrorCode() throws Exception {
        try (PitayaClient client = connect(cluster.connectorTcp())) {
            Response response = request(client, "room.probe.fail", "{}");
            assertThat(response.isError()).isTrue();

            JsonNode handler = only(awaitSpans(client, "connector", null, "room.probe.fail", "SERVER", "CLIENT"),
                    "room.probe.fail", "SERVER");
            JsonNode served = only(awaitSpans(client, "room", handler.path("traceId").asText(), "room.probe.fail",
                    "SERVER"), "room.probe.fail", "SERVER");

            for (JsonNode span : List.of(handler, served)) {
                assertThat(span.path("status").asText()).as("%s", span).isEqualTo("ERROR");
                assertThat(attribute(span, "error.code")).as("%s", span).isEqualTo("RH-042");
            }
            assertThat(served.path("statusDescription").asText()).isEqualTo("refused by the room");
        }
    }

    /**
     * The spans {@code serverType} recorded in this client's traces (in {@code trace} only, unless null: a backend also
     * shows the other connector's sessions of the same id), once it has ended those named {@code route} (and the
     * RPC's, on the connector) of the given kinds; spans end as the answer is sent, so they may lag it.
     */
    private static List<JsonNode> awaitSpans(PitayaClient client, String serverType, String trace, String route,
                                              String... kinds) throws Exception {
        long deadline = System.nanoTime() + SPANS_WITHIN.toNanos();
        List<JsonNode> spans = spans(client, serverType, trace);
        while (!hasAll(spans, route, kinds) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            spans = spans(client, serverType, trace);
        }
        return spans;
    }

    private static boolean hasAll(List<JsonNode> spans, String route, String... kinds) {
        for (String kind : kinds) {
            String name = kind.equals("CLIENT") ? "NATS RPC Call" : route;
            Predicate<JsonNode> wanted = span -> span.path("name").asText().equals(name)
                    && span.path("kind").asText().equals(kind)
                    && (!kind.equals("CLIENT") || route.equals(attribute(span, "route")));
            if (spans.stream().noneMatch(wanted)) {
                return false;
            }
        }
        return true;
    }

    private static List<JsonNode> spans(PitayaClient client, String serverType, String trace) throws Exception {
        Response response = request(client, serverType + ".tracing.spans", "{}");
        assertThat(response.isError()).as("%s", response).isFalse();
        List<JsonNode> spans = new ArrayList<>();
        response.json().path("spans").forEach(span -> {
            if (trace == null || span.path("traceId").asText().equals(trace)) {
                spans.add(span);
            }
        });
        return spans;
    }

    /** The one span of that name and kind among {@code spans} (each test's client makes one such call). */
    private static JsonNode only(List<JsonNode> spans, String name, String kind) {
        List<JsonNode> matching = spans.stream()
                .filter(span -> span.path("name").asText().equals(name) && span.path("kind").asText().equals(kind))
                .toList();
        assertThat(matching).as("%s %s spans among %s", kind, name, spans).hasSize(1);
        return matching.get(0);
    }

    private static String attribute(JsonNode span, String key) {
        return Optional.ofNullable(span.path("attributes").get(key)).map(JsonNode::asText).orElse(null);
    }
}
