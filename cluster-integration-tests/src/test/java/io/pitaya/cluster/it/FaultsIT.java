package io.pitaya.cluster.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitaya.client.PitayaClient;
import io.pitaya.client.Response;
import io.pitaya.cluster.it.support.ClusterEnvironment;
import io.pitaya.cluster.it.support.ClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.pitaya.cluster.it.Clients.connect;
import static io.pitaya.cluster.it.Clients.request;
import static io.pitaya.cluster.it.Clients.requestUntilOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What players see when a part of the cluster fails: a backend killed mid-request, NATS or etcd restarted. Each
 * test leaves the cluster as it found it (the failed part back and serving).
 */
@ExtendWith(ClusterExtension.class)
class FaultsIT {

    private static final String ROOM_KEY = "pitaya/servers/room/" + ClusterEnvironment.ROOM_ID;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static ClusterEnvironment cluster;

    @BeforeAll
    static void cluster(ClusterEnvironment environment) {
        cluster = environment;
    }

    @Test
    void aBackendKilledMidRequestAnswersTheClientWithAnErrorAndKeepsItsSession() throws Exception {
        try (PitayaClient client = connect(cluster.connectorTcp())) {
            Response before = requestUntilOk(client, "room.probe.where", "{}", Duration.ofSeconds(15));
            long sessionId = before.json().path("sessionId").asLong();

            CompletableFuture<Response> held = client.request("room.probe.slow",
                    "30000".getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(20));
            Thread.sleep(1000); // the request is on the room's handler thread by now
            long killedAt = System.nanoTime();
            cluster.room().kill();
            try {
                Response answer = held.get(20, TimeUnit.SECONDS);
                Duration took = Duration.ofNanos(System.nanoTime() - killedAt);

                assertThat(answer.isError()).as("%s", answer).isTrue();
                assertThat(answer.error().code()).isEqualTo("PIT-408");
                assertThat(answer.error().msg()).isEqualTo("rpc client: request timeout");
                assertThat(took).as("answered by the connector's request timeout")
                        .isLessThan(Duration.ofSeconds(ClusterEnvironment.REQUEST_TIMEOUT_SECONDS + 2));
                assertThat(client.isConnected()).as("the player stays connected").isTrue();
            } finally {
                cluster.restart(cluster.room());
            }

            Response after = requestUntilOk(client, "room.probe.where", "{}", Duration.ofSeconds(20));
            assertThat(after.isError()).as("%s", after).isFalse();
            assertThat(after.json().path("sessionId").asLong()).as("same session").isEqualTo(sessionId);
        }
    }

    @Test
    void whileNatsIsDownRequestsFailFastAndServeAgainOnceItIsBack() throws Exception {
        try (PitayaClient client = connect(cluster.connectorWebSocket())) {
            assertThat(requestUntilOk(client, "room.probe.where", "{}", Duration.ofSeconds(15)).isError()).isFalse();

            cluster.nats().stop();
            try {
                // a request sent before the connector's NATS client noticed the loss waits in its reconnect buffer
                // until the request timeout; the fail-fast promise starts when the server knows NATS is down
                awaitConnectorReadinessNats("DOWN", Duration.ofSeconds(5));
                long start = System.nanoTime();
                Response down = request(client, "room.probe.where", "{}");
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(down.isError()).as("%s", down).isTrue();
                assertThat(down.error().code()).isEqualTo("PIT-500");
                assertThat(took).as("no waiting for the request timeout")
                        .isLessThan(Duration.ofSeconds(ClusterEnvironment.REQUEST_TIMEOUT_SECONDS));
            } finally {
                cluster.nats().start();
            }

            Response back = requestUntilOk(client, "room.probe.where", "{}", Duration.ofSeconds(20));
            assertThat(back.isError()).as("%s", back).isFalse();
            assertThat(client.isConnected()).isTrue();
        }
    }

    /** Polls the connector's readiness ({@code :9990/health/ready}) until its {@code nats} entry is {@code state}. */
    private static void awaitConnectorReadinessNats(String state, Duration within) throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.connector().managementPort()
                + "/health/ready")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + within.toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            seen = HTTP.send(ready, HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode check : new ObjectMapper().readTree(seen).path("checks")) {
                if (state.equals(check.path("data").path("nats").asText())) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the connector's readiness never said nats " + state + ": " + seen);
    }

    @Test
    void anEtcdRestartThatLostItsDataGetsTheServersRegisteredAgain() throws Exception {
        try (PitayaClient client = connect(cluster.connectorTcp())) {
            cluster.etcd().stop();
            try {
                // discovery answers from what it knew: players keep playing while etcd is away
                Response whileDown = request(client, "room.probe.where", "{}");
                assertThat(whileDown.isError()).as("%s", whileDown).isFalse();
            } finally {
                cluster.etcd().restart(true);
            }

            // each server finds its lease gone at its next renewal (every TTL/3) and registers again
            List<String> keys = List.of(ROOM_KEY, "pitaya/servers/connector/" + ClusterEnvironment.CONNECTOR_ID,
                    "pitaya/servers/connector/" + ClusterEnvironment.CONNECTOR_2_ID);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!cluster.etcd().getPrefix("pitaya/servers/").keySet().containsAll(keys)
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(cluster.etcd().getPrefix("pitaya/servers/")).containsKeys(keys.toArray(String[]::new));
            Response after = requestUntilOk(client, "room.probe.where", "{}", Duration.ofSeconds(15));
            assertThat(after.isError()).as("%s", after).isFalse();
        }
    }
}
