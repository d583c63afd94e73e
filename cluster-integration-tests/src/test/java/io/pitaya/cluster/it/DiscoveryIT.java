package io.pitaya.cluster.it;

import io.pitaya.client.PitayaClient;
import io.pitaya.client.Response;
import io.pitaya.cluster.it.support.ClusterEnvironment;
import io.pitaya.cluster.it.support.ClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;

import static io.pitaya.cluster.it.Clients.connect;
import static io.pitaya.cluster.it.Clients.request;
import static io.pitaya.cluster.it.Clients.requestUntilOk;
import static org.assertj.core.api.Assertions.assertThat;

/** The servers in etcd, as Go Pitaya writes and reads them, and what leaving and coming back does to clients. */
@ExtendWith(ClusterExtension.class)
class DiscoveryIT {

    private static final String ROOM_KEY = "pitaya/servers/room/" + ClusterEnvironment.ROOM_ID;
    private static final String CONNECTOR_KEY = "pitaya/servers/connector/" + ClusterEnvironment.CONNECTOR_ID;

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
