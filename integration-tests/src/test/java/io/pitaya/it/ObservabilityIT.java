package io.pitaya.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The demo EAR (which turns on {@code pitaya.metrics.prometheus.enabled}) scraped at {@code /pitaya/metrics} after
 * real client traffic over both transports: Pitaya's metric names and labels, histogram buckets, and counts that
 * match the requests made.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ObservabilityIT {

    static final URI METRICS = URI.create(Deployments.HTTP + "/pitaya/metrics");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.demoEar();
    }

    @Test
    void prometheusSeesEveryRequestWithPitayasNamesLabelsAndHistograms() throws Exception {
        try (Clients.Recorded ws = Clients.connect(Deployments.WS); Clients.Recorded tcp = Clients.connect(Deployments.TCP)) {
            ws.client.request("room.join", Map.of()).get(5, TimeUnit.SECONDS);
            tcp.client.request("chat.room.join", Map.of()).get(5, TimeUnit.SECONDS);
            tcp.client.notify("room.message", Map.of("name", "bob", "content", "hi")).get(5, TimeUnit.SECONDS);
            ws.nextPush(); // the message's broadcast reached the other client: the notify has run
            assertThat(ws.client.request("room.nothing", Map.of()).get(5, TimeUnit.SECONDS).isError()).isTrue();

            String text = scrape();
            String joined = "{code=\"\",route=\"chat.room.join\",serverType=\"chat\",status=\"ok\",type=\"handler\"";
            assertThat(text).contains("# TYPE pitaya_handler_response_time_ns histogram");
            assertThat(value(text, "pitaya_handler_response_time_ns_count" + joined + "}")).isEqualTo(2);
            assertThat(value(text, "pitaya_handler_response_time_ns_bucket" + joined + ",le=\"+Inf\"}")).isEqualTo(2);
            assertThat(value(text, "pitaya_handler_response_time_ns_bucket" + joined + ",le=\"1.0E10\"}")).isEqualTo(2);
            assertThat(text).contains("pitaya_handler_response_time_ns_bucket" + joined + ",le=\"100000.0\"}");
            assertThat(value(text, "pitaya_handler_response_time_ns_count{code=\"\",route=\"chat.room.message\","
                    + "serverType=\"chat\",status=\"ok\",type=\"handler\"}")).isEqualTo(1);
            assertThat(value(text, "pitaya_handler_response_time_ns_count{code=\"PIT-404\",route=\"chat.room.nothing\","
                    + "serverType=\"chat\",status=\"failed\",type=\"handler\"}")).isEqualTo(1);
            assertThat(value(text, "pitaya_handler_handler_delay_ns_count{route=\"chat.room.join\",serverType=\"chat\","
                    + "type=\"local\"}")).isEqualTo(2);
            assertThat(value(text, "pitaya_acceptor_connected_clients{serverType=\"chat\"}")).isEqualTo(2);
            assertThat(value(text, "pitaya_acceptor_exceeded_rate_limiting{serverType=\"chat\"}")).isZero();
            assertThat(text).contains("# TYPE pitaya_channel_channel_capacity histogram")
                    .contains("pitaya_channel_channel_capacity_bucket{channel=\"agent_chsend\",serverType=\"chat\",le=\"100.0\"}");
            assertThat(text).as("the JVM's own, from Micrometer's binders")
                    .contains("jvm_memory_used_bytes{").contains("jvm_threads_live_threads{").contains("process_uptime_seconds{");
        }
        assertThat(value(scrape(), "pitaya_acceptor_connected_clients{serverType=\"chat\"}")).as("both left").isZero();
    }

    /**
     * Payara serves MicroProfile Health itself, on the HTTP port: the EAR's checks answer there (WildFly's management
     * port, with readiness across suspend and resume, is HealthIT's).
     */
    @Test
    void payarasHealthEndpointHasPitayasLivenessAndReadiness() throws Exception {
        assumeTrue(TestServer.current() == TestServer.PAYARA, "WildFly's health endpoint is HealthIT's");
        for (String kind : List.of("live", "ready")) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(Deployments.HTTP + "/health/" + kind)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode pitaya = null;
            for (JsonNode check : JSON.readTree(response.body()).path("checks")) {
                if ("pitaya".equals(check.path("name").asText()) && "UP".equals(check.path("status").asText())) {
                    pitaya = check;
                }
            }
            assertThat(pitaya).as("an UP check named pitaya in " + kind + ": " + response.body()).isNotNull();
            if (kind.equals("ready")) {
                assertThat(pitaya.path("data").path("core").asText()).as(response.body()).isEqualTo("started");
            }
        }
    }

    static String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(METRICS).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        return response.body();
    }

    /** The value of one sample line, e.g. {@code name{labels}}. */
    static double value(String text, String sample) {
        Matcher m = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
        assertThat(m.find()).as("sample " + sample + " in\n" + text).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
