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

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.pitaya.cluster.it.Clients.connect;
import static io.pitaya.cluster.it.Clients.request;
import static io.pitaya.cluster.it.Clients.requestUntilOk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The servers in etcd, as Go Pitaya writes and reads them, what leaving and coming back does to clients, and what the
 * connector's metrics and readiness say of the cluster.
 */
@ExtendWith(ClusterExtension.class)
class DiscoveryIT {

    private static final String ROOM_KEY = "pitaya/servers/room/" + ClusterEnvironment.ROOM_ID;
    private static final String CONNECTOR_KEY = "pitaya/servers/connector/" + ClusterEnvironment.CONNECTOR_ID;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static ClusterEnvironment cluster;

    @BeforeAll
    static void cluster(ClusterEnvironment environment) {
        cluster = environment;
    }

    @Test
    void bothServersAreInEtcdWithPitayasJson() throws Exception {
        String hostname = InetAddress.getLocalHost().getHostName();

        Map<String, String> servers = cluster.etcd().getPrefix("pitaya/servers/");

        assertThat(servers).containsEntry(ROOM_KEY, "{\"id\":\"room-it\",\"type\":\"room\",\"metadata\":{},"
                + "\"frontend\":false,\"hostname\":\"" + hostname + "\"}");
        assertThat(servers).containsEntry(CONNECTOR_KEY, "{\"id\":\"connector-it\",\"type\":\"connector\","
                + "\"metadata\":{},\"frontend\":true,\"hostname\":\"" + hostname + "\"}");
    }

    @Test
    void theConnectorsMetricsCountTheServersOfEachTypeAndItsReadinessIncludesNatsAndEtcd() throws Exception {
        String metricsUrl = "http://127.0.0.1:" + cluster.connector().httpPort() + "/pitaya/metrics";
        // counts follow discovery's watch: another test may just have brought the room back
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String metrics = get(metricsUrl).body();
        while (!(countServers(metrics, "connector") == 2 && countServers(metrics, "room") == 1)
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
            metrics = get(metricsUrl).body();
        }
        assertThat(countServers(metrics, "connector")).as("connectors in %s", metricsUrl).isEqualTo(2);
        assertThat(countServers(metrics, "room")).as("rooms in %s", metricsUrl).isEqualTo(1);

        HttpResponse<String> ready = get("http://127.0.0.1:" + cluster.connector().managementPort() + "/health/ready");
        assertThat(ready.statusCode()).as("%s", ready.body()).isEqualTo(200);
        JsonNode readiness = new ObjectMapper().readTree(ready.body());
        assertThat(readiness.path("status").asText()).isEqualTo("UP");
        JsonNode pitaya = null;
        for (JsonNode check : readiness.path("checks")) { // WildFly's own checks come first
            if ("pitaya".equals(check.path("name").asText())) {
                pitaya = check.path("data");
            }
        }
        assertThat(pitaya).as("the pitaya check in %s", ready.body()).isNotNull();
        assertThat(pitaya.path("nats").asText()).as("%s", ready.body()).isEqualTo("UP");
        assertThat(pitaya.path("etcd").asText()).as("%s", ready.body()).isEqualTo("UP");
    }

    @Test
    void theConnectorsMetricsTimeTheRpcsItMakes() throws Exception {
        String metricsUrl = "http://127.0.0.1:" + cluster.connector().httpPort() + "/pitaya/metrics";
        try (PitayaClient client = connect(cluster.connectorTcp())) {
            Response forwarded = requestUntilOk(client, "room.probe.where", "{}", Duration.ofSeconds(15));
            assertThat(forwarded.isError()).as("%s", forwarded).isFalse();
        }

        // the forward to the room is a NATS RPC: Go's rpc client reports it as type="rpc"
        assertThat(rpcCount(get(metricsUrl).body(), "room.probe.where")).as("in %s", metricsUrl).isPositive();
    }

    @Test
    void undeployingTheRoomRemovesItAtOnceAndRedeployingBringsItBack() throws Exception {
        try (PitayaClient client = connect(cluster.connectorTcp())) {
            cluster.room().undeploy();
            // the lease is revoked on undeploy: gone well before it could have expired (renewed every TTL/3)
            assertThat(awaitKey(ROOM_KEY, false, Duration.ofSeconds(1))).as("room key still in etcd").isTrue();
            Response whileGone = awaitNoServers(client, Duration.ofSeconds(5));
            assertThat(whileGone.error().code()).isEqualTo("PIT-500");
            assertThat(whileGone.error().msg()).isEqualTo("no servers available of this type");
            assertThat(client.isConnected()).isTrue();

            cluster.room().redeploy();

            assertThat(awaitKey(ROOM_KEY, true, Duration.ofSeconds(10))).as("room key back in etcd").isTrue();
            Response back = requestUntilOk(client, "room.probe.where", "{}", Duration.ofSeconds(15));
            assertThat(back.isError()).as("%s", back).isFalse();
            assertThat(back.json().path("server").asText()).isEqualTo(ClusterEnvironment.ROOM_ID);
        }
    }

    @Test
    void theConnectorsAdminPageListsTheServersOfTheCluster() throws Exception {
        String statsUrl = "http://127.0.0.1:" + cluster.connector().httpPort() + "/pitaya/admin/stats";
        // discovery's watch: another test may just have brought the room back
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode servers = adminServers(statsUrl);
        while (servers.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            servers = adminServers(statsUrl);
        }

        assertThat(servers).as("%s", servers).hasSize(3);
        assertThat(servers.get(0).toString()).isEqualTo("{\"id\":\"" + ClusterEnvironment.CONNECTOR_ID
                + "\",\"type\":\"connector\",\"frontend\":true,\"hostname\":\"" + InetAddress.getLocalHost().getHostName()
                + "\",\"self\":true}");
        assertThat(servers.get(1).path("id").asText()).isEqualTo(ClusterEnvironment.CONNECTOR_2_ID);
        assertThat(servers.get(1).path("self").asBoolean()).isFalse();
        assertThat(servers.get(2).path("id").asText()).isEqualTo(ClusterEnvironment.ROOM_ID);
        assertThat(servers.get(2).path("type").asText()).isEqualTo("room");
        assertThat(servers.get(2).path("frontend").asBoolean()).isFalse();
    }

    private static JsonNode adminServers(String statsUrl) throws Exception {
        HttpResponse<String> response = get(statsUrl);
        assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body()).path("servers");
    }

    /** The value of {@code pitaya_service_discovery_count_servers{type="<type>"}}, -1 when absent. */
    private static int countServers(String prometheusText, String type) {
        Matcher line = Pattern.compile("^pitaya_service_discovery_count_servers\\{[^}]*(?<=[{,])type=\""
                + Pattern.quote(type) + "\"[^}]*} (\\S+)$", Pattern.MULTILINE).matcher(prometheusText);
        return line.find() ? (int) Double.parseDouble(line.group(1)) : -1;
    }

    /** {@code pitaya_handler_response_time_ns_count} of a route's successful RPCs, -1 when absent. */
    private static double rpcCount(String prometheusText, String route) {
        Matcher line = Pattern.compile("^pitaya_handler_response_time_ns_count\\{([^}]*)} (\\S+)$", Pattern.MULTILINE)
                .matcher(prometheusText);
        while (line.find()) {
            String labels = line.group(1);
            if (labels.contains("route=\"" + route + "\"") && labels.contains("type=\"rpc\"")
                    && labels.contains("status=\"ok\"")) {
                return Double.parseDouble(line.group(2));
            }
        }
        return -1;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The connector's discovery hears of the delete through its watch: wait for the answer to change. */
    private static Response awaitNoServers(PitayaClient client, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Response response = request(client, "room.probe.where", "{}");
        while (!(response.isError() && "PIT-500".equals(response.error().code())) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            response = request(client, "room.probe.where", "{}");
        }
        assertThat(response.isError()).as("%s", response).isTrue();
        return response;
    }

    private static boolean awaitKey(String key, boolean present, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (cluster.etcd().getPrefix(key).containsKey(key) != present) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
