package io.pitaya.cluster.it;

import io.pitaya.client.PitayaClient;
import io.pitaya.client.Response;
import io.pitaya.cluster.it.support.ClusterEnvironment;
import io.pitaya.cluster.it.support.ClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.pitaya.cluster.it.Clients.connect;
import static io.pitaya.cluster.it.Clients.request;
import static org.assertj.core.api.Assertions.assertThat;

/** The connector's ServerRouter bean ({@code io.pitaya.cluster.it.routing.ProbeRouter}) is found and asked. */
@ExtendWith(ClusterExtension.class)
class RouterIT {

    private static ClusterEnvironment cluster;

    @BeforeAll
    static void cluster(ClusterEnvironment environment) {
        cluster = environment;
    }

    @Test
    void theRoutersErrorReachesTheClientWithItsCodeAndNothingIsForwarded() throws Exception {
        try (PitayaClient client = connect(cluster.connectorWebSocket())) {
            Response response = request(client, "room.probe.refused", "{}");

            assertThat(response.isError()).isTrue();
            assertThat(response.error().code()).as("not the room's PIT-404: the router answered").isEqualTo("RH-451");
            assertThat(response.error().msg()).isEqualTo("refused by the connector's router");
            assertThat(response.error().metadata()).containsEntry("servers", "1").doesNotContainEntry("session", "none");
            assertThat(client.isConnected()).isTrue();
        }
    }

    @Test
    void theServerTheRouterChoseAnswers() throws Exception {
        try (PitayaClient client = connect(cluster.connectorTcp())) {
            Response response = request(client, "room.probe.where", "{}");

            assertThat(response.isError()).as("%s", response).isFalse();
            assertThat(response.json().path("server").asText()).isEqualTo(ClusterEnvironment.ROOM_ID);
        }
    }
}
