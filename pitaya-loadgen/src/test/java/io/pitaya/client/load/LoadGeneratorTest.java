package io.pitaya.client.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitaya.testkit.FakePitayaServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class LoadGeneratorTest {

    private static LoadOptions options(FakePitayaServer server, String... more) {
        String[] base = {"--url", server.uri().toString(), "--duration", "1200ms", "--warmup", "300ms", "--quiet"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return LoadOptions.parse(args);
    }

    private static void assertHealthy(FakePitayaServer server) {
        assertThat(server.protocolErrors.get()).as("server-side protocol errors: %s", server.firstProtocolError).isZero();
    }

    private static void assertRequestRun(LoadResult r, int connections) {
        assertThat(r.errors()).as("errors; first: %s", r.firstError).isZero();
        assertThat(r.connected()).isEqualTo(connections);
        assertThat(r.completed()).isPositive();
        assertThat(r.throughput()).isPositive();
        assertThat(r.measuredSeconds).isBetween(1.0, 2.5);
        double p50 = r.percentileMillis(50);
        double p99 = r.percentileMillis(99);
        assertThat(p50).isPositive();
        assertThat(p99).isGreaterThanOrEqualTo(p50);
        assertThat(r.percentileMillis(99.9)).isGreaterThanOrEqualTo(p99);
        assertThat(r.maxMillis()).isGreaterThanOrEqualTo(r.percentileMillis(99.9));
    }

    @Test
    void requestScenarioOverTcp() throws Exception {
        try (FakePitayaServer server = FakePitayaServer.tcp(30)) {
            LoadResult r = LoadGenerator.run(options(server, "--connections", "20", "--payload", "{\"a\":1}"), null);

            assertRequestRun(r, 20);
            assertHealthy(server);
            // every completed request reached the server; warm-up requests were sent but not counted
            assertThat(server.requests.get()).isGreaterThanOrEqualTo(r.completed());
            // ids past 127 take two varint bytes: the patched templates stay valid
            assertThat(server.maxRequestId.get()).isGreaterThan(200);
        }
    }

    @Test
    void requestScenarioOverWebSocketWithTwoSelectors() throws Exception {
        try (FakePitayaServer server = FakePitayaServer.webSocket(30)) {
            LoadResult r = LoadGenerator.run(options(server, "--connections", "10", "--threads", "2",
                    "--payload-size", "300"), null);

            assertRequestRun(r, 10);
            assertHealthy(server);
        }
    }

    @Test
    void errorResponsesAreCountedAndTheLoopGoesOn() throws Exception {
        try (FakePitayaServer server = FakePitayaServer.tcp(30)) {
            LoadResult r = LoadGenerator.run(options(server, "--connections", "4", "--route", "bench.error"), null);

            assertThat(r.completed()).isZero();
            assertThat(r.errorResponses).isGreaterThan(100);
            assertThat(r.firstError).contains("PIT-500");
            assertThat(r.ok()).isFalse();
        }
    }

    @Test
    void idleScenarioHoldsConnectionsWithHeartbeats(@TempDir Path dir) throws Exception {
        try (FakePitayaServer server = FakePitayaServer.tcp(1)) {
            Path ready = dir.resolve("ready");
            LoadOptions o = options(server, "--scenario", "idle", "--connections", "200", "--connect-rate", "1000",
                    "--ready-file", ready.toString());
            o.duration = Duration.ofMillis(2500);
            LoadResult r = LoadGenerator.run(o, null);

            assertThat(r.connected()).isEqualTo(200);
            assertThat(r.dropped()).isZero();
            assertThat(r.connectFailures()).isZero();
            // 200 at 1000/s take ~0.2 s to open
            assertThat(r.connectSeconds).isBetween(0.1, 5.0);
            assertThat(Files.readString(ready).trim()).isEqualTo("200");
            // heartbeat interval 1 s, held 2.5 s: at least two heartbeats per connection
            assertThat(server.heartbeats.get()).isGreaterThanOrEqualTo(400);
            assertHealthy(server);
        }
    }

    @Test
    void connectionsClosedByTheServerAreCountedAsDropped() throws Exception {
        try (FakePitayaServer server = FakePitayaServer.tcp(30)) {
            server.dropAfterMillis = 300;
            LoadOptions o = options(server, "--scenario", "idle", "--connections", "10");
            LoadResult r = LoadGenerator.run(o, null);

            assertThat(r.connected()).isZero();
            assertThat(r.dropped()).isEqualTo(10);
            assertThat(r.firstError).contains("closed by the server");
        }
    }

    @Test
    void aServerThatFallsSilentIsDetectedByTheHeartbeat() throws Exception {
        try (FakePitayaServer server = FakePitayaServer.tcp(1)) {
            server.silent = true;
            LoadOptions o = options(server, "--scenario", "idle", "--connections", "5");
            o.duration = Duration.ofMillis(4500);
            LoadResult r = LoadGenerator.run(o, null);

            assertThat(r.connected()).isZero();
            assertThat(r.dropped()).isEqualTo(5);
            assertThat(r.firstError).contains("heartbeat");
        }
    }

    @Test
    void nothingListeningIsAFailedConnect() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LoadResult r = LoadGenerator.run(LoadOptions.parse("--url", "tcp://127.0.0.1:" + port, "--connections", "3",
                "--duration", "200ms", "--warmup", "0s", "--quiet"), null);

        assertThat(r.connectFailures()).isEqualTo(3);
        assertThat(r.connected()).isZero();
        assertThat(r.ok()).isFalse();
    }

    @Test
    void fanoutScenarioCountsPushesAndPacesSendersByTheirEcho() throws Exception {
        for (FakePitayaServer server : new FakePitayaServer[]{FakePitayaServer.tcp(30), FakePitayaServer.webSocket(30)}) {
            try (server) {
                LoadResult r = LoadGenerator.run(options(server, "--scenario", "fanout", "--connections", "20",
                        "--senders", "3"), null);

                assertThat(r.errors()).as("errors; first: %s", r.firstError).isZero();
                assertThat(r.joined).isEqualTo(20);
                assertThat(r.messagesSent()).isPositive();
                assertThat(r.completed()).isPositive();
                // each line goes to the 20 members; only lines still in flight at the window's edges differ
                assertThat(r.pushes()).isBetween(20 * (r.messagesSent() - 10), 20 * (r.messagesSent() + 10));
                assertThat(r.pushesPerSecond()).isPositive();
                assertThat(r.percentileMillis(99)).isPositive();
                assertHealthy(server);
            }
        }
    }

    @Test
    void fanoutMessageRateCapsTheSenders() throws Exception {
        try (FakePitayaServer server = FakePitayaServer.tcp(30)) {
            LoadResult r = LoadGenerator.run(options(server, "--scenario", "fanout", "--connections", "10",
                    "--senders", "2", "--message-rate", "50"), null);

            assertThat(r.errors()).as("errors; first: %s", r.firstError).isZero();
            // capped at 50 lines/s (the fake server alone would echo thousands per second)
            assertThat(r.messagesSent() / r.measuredSeconds).isBetween(10.0, 60.0);
        }
    }

    @Test
    void jsonSummaryIsOneParsableLine() throws Exception {
        try (FakePitayaServer server = FakePitayaServer.tcp(30)) {
            LoadResult r = LoadGenerator.run(options(server, "--connections", "2"), null);
            String json = r.toJson();

            assertThat(json).doesNotContain("\n");
            JsonNode n = new ObjectMapper().readTree(json);
            assertThat(n.get("scenario").asText()).isEqualTo("request");
            assertThat(n.get("completed").asLong()).isEqualTo(r.completed());
            assertThat(n.get("p99Ms").asDouble()).isPositive();
            assertThat(n.get("errors").asLong()).isZero();
            assertThat(r.toText()).contains("throughput").contains("p99.9");
        }
    }

    @Test
    void parsesOptions() {
        LoadOptions o = LoadOptions.parse("--url", "ws://localhost:8080/", "--scenario", "fanout", "--connections", "100",
                "--senders", "10", "--duration", "1m", "--warmup", "1.5s", "--timeout", "250ms", "--threads", "2", "--json");

        assertThat(o.webSocket()).isTrue();
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.scenario).isEqualTo(Scenario.FANOUT);
        assertThat(o.duration).isEqualTo(Duration.ofMinutes(1));
        assertThat(o.warmup).isEqualTo(Duration.ofMillis(1500));
        assertThat(o.timeout).isEqualTo(Duration.ofMillis(250));
        assertThat(o.json).isTrue();
        assertThatThrownBy(() -> LoadOptions.parse("--url", "http://x:1")).hasMessageContaining("tcp://");
        assertThatThrownBy(() -> LoadOptions.parse("--url", "tcp://x:1", "--threads", "3")).hasMessageContaining("1 or 2");
        assertThatThrownBy(() -> LoadOptions.parse("--url", "tcp://x:1", "--duration", "soon")).hasMessageContaining("duration");
    }

    @Test
    void refusesRunsBeyondTheFileDescriptorLimit() {
        LoadOptions o = LoadOptions.parse("--url", "tcp://127.0.0.1:1", "--connections", "2000000000");

        assertThatThrownBy(() -> LoadGenerator.checkLimits(o))
                .isInstanceOf(LoadGenerator.LimitException.class)
                .hasMessageContaining("ulimit -n");
    }
}
