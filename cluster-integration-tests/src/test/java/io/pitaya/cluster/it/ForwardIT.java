package io.pitaya.cluster.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitaya.client.PitayaClient;
import io.pitaya.client.Response;
import io.pitaya.cluster.it.support.ClusterEnvironment;
import io.pitaya.cluster.it.support.ClusterExtension;
import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageCodec;
import io.pitaya.protocol.message.MessageType;
import io.pitaya.protocol.message.RouteDictionary;
import io.pitaya.testkit.RawTcp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.pitaya.cluster.it.Clients.connect;
import static io.pitaya.cluster.it.Clients.request;
import static org.assertj.core.api.Assertions.assertThat;

/** A client's message for a room route goes connector → NATS → room → back, over WebSocket and TCP. */
@ExtendWith(ClusterExtension.class)
class ForwardIT {

    private static ClusterEnvironment cluster;

    @BeforeAll
    static void cluster(ClusterEnvironment environment) {
        cluster = environment;
    }

    private static String url(String transport) {
        return transport.equals("ws") ? cluster.connectorWebSocket() : cluster.connectorTcp();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws", "tcp"})
    void aRoomRouteIsAnsweredByTheRoomServerWithTheConnectorsSession(String transport) throws Exception {
        try (PitayaClient client = connect(url(transport))) {
            Response response = request(client, "room.probe.where", "{}");

            assertThat(response.isError()).as("%s", response).isFalse();
            JsonNode where = response.json();
            assertThat(where.path("server").asText()).isEqualTo(ClusterEnvironment.ROOM_ID);
            assertThat(where.path("sessionId").asLong()).isPositive();
            assertThat(where.path("uid").asText()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws", "tcp"})
    void pipelinedRequestsAllComeBackWithTheirOwnPayloads(String transport) throws Exception {
        try (PitayaClient client = connect(url(transport))) {
            List<CompletableFuture<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(client.request("room.probe.echo", ("payload-" + i).getBytes(StandardCharsets.UTF_8)));
            }
            for (int i = 0; i < answers.size(); i++) {
                Response response = answers.get(i).get(20, TimeUnit.SECONDS);
                assertThat(response.isError()).as("%s", response).isFalse();
                assertThat(response.dataAsString()).isEqualTo("payload-" + i);
            }
        }
    }

    @Test
    void theRoomCallsTheRemoteOfThePlayersConnector() throws Exception {
        try (PitayaClient client = connect(cluster.connectorWebSocket())) {
            Response response = request(client, "room.probe.connector", "{}");

            assertThat(response.isError()).as("%s", response).isFalse();
            assertThat(response.json().path("server").asText()).isEqualTo(ClusterEnvironment.CONNECTOR_ID);
            assertThat(response.json().path("players").asInt()).isPositive();
        }
    }

    @Test
    void theResponseOnTheWireCarriesTheClientsRequestId() throws Exception {
        MessageCodec codec = new MessageCodec(RouteDictionary.EMPTY, false);
        try (RawTcp tcp = RawTcp.connect(new InetSocketAddress("127.0.0.1", ClusterEnvironment.CONNECTOR_TCP_PORT))) {
            tcp.handshake();
            tcp.send(PacketType.HANDSHAKE_ACK, new byte[0]);
            tcp.send(PacketType.DATA, codec.encode(Message.request(4242, "room.probe.echo",
                    "xyz".getBytes(StandardCharsets.UTF_8))));

            Packet packet = tcp.readPacket();
            while (packet.type() != PacketType.DATA) {
                packet = tcp.readPacket(); // heartbeats
            }
            Message answer = codec.decode(packet.body());
            assertThat(answer.type()).isEqualTo(MessageType.RESPONSE);
            assertThat(answer.id()).isEqualTo(4242);
            assertThat(answer.error()).isFalse();
            assertThat(new String(answer.data(), StandardCharsets.UTF_8)).isEqualTo("xyz");
        }
    }

    @Test
    void aRoomHandlersErrorReachesTheClientWithItsCodeAndMetadata() throws Exception {
        try (PitayaClient client = connect(cluster.connectorTcp())) {
            Response response = request(client, "room.probe.fail", "{}");

            assertThat(response.isError()).isTrue();
            assertThat(response.error().code()).isEqualTo("RH-042");
            assertThat(response.error().msg()).isEqualTo("refused by the room");
            assertThat(response.error().metadata()).containsEntry("reason", "probe");
            assertThat(client.isConnected()).isTrue();
        }
    }

    @Test
    void anUnknownRouteOfTheRoomIsTheRoomsNotFound() throws Exception {
        try (PitayaClient client = connect(cluster.connectorTcp())) {
            Response response = request(client, "room.nosuch.route", "{}");

            assertThat(response.isError()).isTrue();
            assertThat(response.error().code()).isEqualTo("PIT-404");
            assertThat(response.error().msg()).isEqualTo("pitaya/handler: room.nosuch.route not found");
        }
    }

    @Test
    void aServerTypeNobodyServesAnswersNoServersAvailable() throws Exception {
        try (PitayaClient client = connect(cluster.connectorWebSocket())) {
            Response response = request(client, "lobby.hall.enter", "{}");

            assertThat(response.isError()).isTrue();
            assertThat(response.error().code()).isEqualTo("PIT-500");
            assertThat(response.error().msg()).isEqualTo("no servers available of this type");
            assertThat(response.error().metadata()).containsEntry("serverType", "lobby");
        }
    }
}
