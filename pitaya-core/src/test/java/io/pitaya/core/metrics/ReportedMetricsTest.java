package io.pitaya.core.metrics;

import io.pitaya.api.Handler;
import io.pitaya.api.PitayaException;
import io.pitaya.api.metrics.PitayaMetrics;
import io.pitaya.api.metrics.Reporter;
import io.pitaya.core.agent.ConnectionLimits;
import io.pitaya.core.handler.Reply;
import io.pitaya.core.testing.RecordingConnection;
import io.pitaya.core.testing.TestClient;
import io.pitaya.protocol.Packet;
import io.pitaya.spi.PacketSink;
import io.pitaya.core.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** What the core reports, with Pitaya's names and tags, as an application's {@link Reporter} bean receives it. */
class ReportedMetricsTest {

    @Handler("svc")
    public static class Svc {
        public String ping() {
            return "pong";
        }

        public void note() {
        }

        public String fail() {
            throw new PitayaException("RH-001", "nope");
        }
    }

    /** One line per call: kind metric tags value. */
    static final class Recording implements Reporter {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void reportCount(String metric, Map<String, String> tags, double count) {
            calls.add("count " + metric + " " + new java.util.TreeMap<>(tags) + " " + count);
        }

        @Override
        public void reportSummary(String metric, Map<String, String> tags, double value) {
            assertThat(value).as(metric + " nanos").isGreaterThanOrEqualTo(0);
            calls.add("summary " + metric + " " + new java.util.TreeMap<>(tags));
        }

        @Override
        public void reportHistogram(String metric, Map<String, String> tags, double value) {
            calls.add("histogram " + metric + " " + new java.util.TreeMap<>(tags) + " " + value);
        }

        @Override
        public void reportGauge(String metric, Map<String, String> tags, double value) {
            calls.add("gauge " + metric + " " + new java.util.TreeMap<>(tags) + " " + value);
        }

        List<String> of(String prefix) {
            return calls.stream().filter(c -> c.startsWith(prefix)).toList();
        }
    }

    private final Recording reporter = new Recording();
    private final List<CompletableFuture<Reply>> pending = new CopyOnWriteArrayList<>();
    private TestServer server;

    private TestServer start(TestServer.Builder builder) {
        server = builder.handler(new Svc()).metrics(new ReporterAdapter(reporter)).remote((session, route, message) -> {
            CompletableFuture<Reply> reply = new CompletableFuture<>();
            pending.add(reply);
            return reply;
        }).start();
        return server;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyAnsweredMessageReportsItsResponseTimeAndHandlerDelayWithPitayasTags() {
        TestClient client = start(TestServer.builder()).connect().ready();
        client.request(1, "svc.ping", "{}");
        client.request(2, "svc.fail", "{}");
        client.request(3, "svc.missing", "{}");
        client.notify("svc.note", "{}");
        client.request(4, "a.b.c.d", "{}");
        assertThat(client.response(1)).isEqualTo("\"pong\"");

        assertThat(reporter.of("summary response_time_ns")).containsExactly(
                "summary response_time_ns {code=, route=connector.svc.ping, status=ok, type=handler}",
                "summary response_time_ns {code=RH-001, route=connector.svc.fail, status=failed, type=handler}",
                "summary response_time_ns {code=PIT-404, route=connector.svc.missing, status=failed, type=handler}",
                "summary response_time_ns {code=, route=connector.svc.note, status=ok, type=handler}",
                "summary response_time_ns {code=PIT-400, route=, status=failed, type=handler}");
        assertThat(reporter.of("summary handler_delay_ns")).containsExactly(
                "summary handler_delay_ns {route=connector.svc.ping, type=local}",
                "summary handler_delay_ns {route=connector.svc.fail, type=local}",
                "summary handler_delay_ns {route=connector.svc.missing, type=local}",
                "summary handler_delay_ns {route=connector.svc.note, type=local}");
    }

    @Test
    void aForwardedMessageHasARemoteDelayAndItsResponseTimeWhenTheReplyComesBack() {
        TestClient client = start(TestServer.builder()).connect().ready();
        client.request(1, "room.lobby.join", "{}");
        assertThat(reporter.of("summary handler_delay_ns")).containsExactly(
                "summary handler_delay_ns {route=room.lobby.join, type=remote}");
        assertThat(reporter.of("summary response_time_ns")).as("not before the reply").isEmpty();

        pending.get(0).complete(Reply.failed(new PitayaException("PIT-500", "no servers available of this type")));
        assertThat(reporter.of("summary response_time_ns")).containsExactly(
                "summary response_time_ns {code=PIT-500, route=room.lobby.join, status=failed, type=handler}");
    }

    @Test
    void connectedClientsFollowConnectsAndDisconnects() {
        start(TestServer.builder());
        TestClient first = server.connect().ready();
        server.connect().ready();
        first.agent().close("test");
        assertThat(reporter.of("gauge")).containsExactly(
                "gauge connected_clients {} 1.0", "gauge connected_clients {} 2.0", "gauge connected_clients {} 1.0");
    }

    @Test
    void theOutboundQueueReportsItsFreeSlotsOnEverySend() {
        TestClient client = start(TestServer.builder().buffer(10)).connect().ready();
        client.request(1, "svc.ping", "{}");
        assertThat(reporter.of("histogram")).isNotEmpty()
                .allMatch(c -> c.startsWith("histogram channel_capacity {channel=agent_chsend} "))
                .allMatch(c -> Double.parseDouble(c.substring(c.lastIndexOf(' ') + 1)) <= 10);
    }

    @Test
    void everyPacketDroppedByRateLimitingIsCounted() {
        start(TestServer.builder().limits(new ConnectionLimits(true, 2, Duration.ofHours(1), Duration.ZERO)));
        RecordingConnection connection = RecordingConnection.autoComplete();
        PacketSink sink = server.server().accept(connection); // what an acceptor delivers to: the limiting wrapper
        connection.attach(sink);
        for (int i = 0; i < 5; i++) {
            sink.onPacket(Packet.HEARTBEAT); // two pass, three are dropped
        }
        assertThat(reporter.of("count")).containsExactly(
                "count exceeded_rate_limiting {} 1.0", "count exceeded_rate_limiting {} 1.0",
                "count exceeded_rate_limiting {} 1.0");
    }

    @Test
    void withoutAReporterNothingIsTimed() {
        // the router reads no clock without a reporter: the only observable part is that nothing breaks
        TestClient client = TestServer.start(new Svc()).connect().ready();
        client.request(1, "svc.ping", "{}");
        assertThat(client.response(1)).isEqualTo("\"pong\"");
        server = TestServer.start();
    }

    @Test
    void aReporterThatThrowsNeverBreaksTheMessage() {
        Reporter broken = new Reporter() {
            public void reportCount(String m, Map<String, String> t, double c) { throw new IllegalStateException(); }
            public void reportSummary(String m, Map<String, String> t, double v) { throw new IllegalStateException(); }
            public void reportHistogram(String m, Map<String, String> t, double v) { throw new IllegalStateException(); }
            public void reportGauge(String m, Map<String, String> t, double v) { throw new IllegalStateException(); }
        };
        server = TestServer.builder().handler(new Svc())
                .metrics(MetricsReporters.of(List.of(new ReporterAdapter(broken), new ReporterAdapter(reporter)))).start();
        TestClient client = server.connect().ready();
        client.request(1, "svc.ping", "{}");
        assertThat(client.response(1)).isEqualTo("\"pong\"");
        assertThat(reporter.of("summary response_time_ns")).hasSize(1);
    }
}
