package io.pitaya.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pitaya.api.Handler;
import io.pitaya.api.PitayaException;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What Prometheus scrapes after real traffic through a server: Pitaya's names, labels and histogram buckets. */
class PrometheusScrapeTest {

    @Handler("svc")
    public static class Svc {
        public String ping() {
            return "pong";
        }

        public String fail() {
            throw new PitayaException("RH-001", "nope");
        }
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        registry.close();
    }

    private TestServer start(int maxRoutes) {
        registry.config().commonTags("serverType", TestServer.TYPE);
        server = TestServer.builder().handler(new Svc())
                .metrics(new MicrometerReporter(registry, MetricsSettings.DEFAULT_LATENCY_BUCKETS, maxRoutes)).start();
        return server;
    }

    @Test
    void responseTimesAreHistogramsWithPitayasNameAndLabelsCountingEveryRequest() {
        TestClient client = start(1000).connect().ready();
        for (int i = 1; i <= 3; i++) {
            client.request(i, "svc.ping", "{}");
            assertThat(client.response(i)).isEqualTo("\"pong\"");
        }
        client.request(4, "svc.fail", "{}");
        client.errorResponse(4);

        String text = registry.scrape();
        String ok = "{code=\"\",route=\"connector.svc.ping\",serverType=\"connector\",status=\"ok\",type=\"handler\"}";
        assertThat(text)
                .contains("# TYPE pitaya_handler_response_time_ns histogram")
                .contains("pitaya_handler_response_time_ns_count" + ok + " 3")
                .contains("pitaya_handler_response_time_ns_count{code=\"RH-001\",route=\"connector.svc.fail\","
                        + "serverType=\"connector\",status=\"failed\",type=\"handler\"} 1")
                .contains(bucket("100000.0")).contains(bucket("1000000.0")).contains(bucket("1.0E10"))
                .contains(bucket("+Inf") + " 3")
                .contains("# TYPE pitaya_handler_handler_delay_ns histogram")
                .contains("pitaya_handler_handler_delay_ns_count{route=\"connector.svc.ping\",serverType=\"connector\",type=\"local\"} 3")
                .contains("pitaya_acceptor_connected_clients{serverType=\"connector\"} 1.0")
                .contains("pitaya_acceptor_exceeded_rate_limiting{serverType=\"connector\"} 0.0")
                .contains("pitaya_channel_channel_capacity_bucket{channel=\"agent_chsend\",serverType=\"connector\",le=\"5000.0\"} ");
    }

    private static String bucket(String le) {
        return "pitaya_handler_response_time_ns_bucket{code=\"\",route=\"connector.svc.ping\",serverType=\"connector\","
                + "status=\"ok\",type=\"handler\",le=\"" + le + "\"}";
    }

    @Test
    void routesBeyondTheLimitShareOneLabel() {
        TestClient client = start(2).connect().ready();
        List<String> routes = List.of("svc.ping", "svc.a", "svc.b", "svc.c");
        for (int i = 0; i < routes.size(); i++) {
            client.request(i + 1, routes.get(i), "{}");
        }
        String text = registry.scrape();
        assertThat(text).contains("route=\"connector.svc.ping\"").contains("route=\"connector.svc.a\"")
                .doesNotContain("route=\"connector.svc.b\"").doesNotContain("route=\"connector.svc.c\"")
                .contains("pitaya_handler_response_time_ns_count{code=\"PIT-404\",route=\"_other\","
                        + "serverType=\"connector\",status=\"failed\",type=\"handler\"} 2");
    }

    @Test
    void serverCountsAndDroppedMessagesAreGauges() {
        MicrometerReporter reporter = new MicrometerReporter(registry, List.of(Duration.ofMillis(1)), 10);
        reporter.countServers("room", 2);
        reporter.countServers("room", 3);
        reporter.countServers("connector", 1);
        reporter.droppedMessages(7);
        assertThat(registry.scrape())
                .contains("pitaya_service_discovery_count_servers{type=\"room\"} 3.0")
                .contains("pitaya_service_discovery_count_servers{type=\"connector\"} 1.0")
                .contains("pitaya_rpc_server_dropped_messages 7.0");
    }
}
