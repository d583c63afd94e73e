package io.pitaya.core.agent;

import io.pitaya.api.Handler;
import io.pitaya.core.testing.RecordingConnection;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import io.pitaya.protocol.Hex;
import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.ProtocolException;
import io.pitaya.protocol.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class AgentStateMachineTest {

    /** PROTOCOL.md §3: exact default packet (json, 30 s, no dict, 65-byte body). */
    private static final String DEFAULT_HANDSHAKE_RESPONSE = "01 00 00 41 7b 22 63 6f 64 65 22 3a 32 30 30 2c 22 73 79 73"
            + " 22 3a 7b 22 64 69 63 74 22 3a 7b 7d 2c 22 68 65 61 72 74 62 65 61 74 22 3a 33 30 2c 22 73 65 72 69 61"
            + " 6c 69 7a 65 72 22 3a 22 6a 73 6f 6e 22 7d 7d";

    @Handler("svc")
    public static class Svc {
        final AtomicInteger calls = new AtomicInteger();

        public String ping() {
            calls.incrementAndGet();
            return "pong";
        }
    }

    private final Svc svc = new Svc();
    private TestServer server;

    private TestServer server() {
        if (server == null) {
            server = TestServer.start(svc);
        }
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void assertClosed(TestClient client, String reasonPart) {
        assertThat(client.isClosed()).as("connection closed").isTrue();
        assertThat(client.agent().state()).isEqualTo(AgentState.CLOSED);
        assertThat(client.agent().closeReason()).contains(reasonPart);
        assertThat(server().sessions().local(client.id())).as("session still registered").isEmpty();
    }

    @Test
    void handshakeAnswersWithPitayasExactDefaultBytesEvenWithCompressionOn() {
        server = TestServer.builder().compression(true).handler(svc).start();
        TestClient client = server.connect();
        assertThat(client.agent().state()).isEqualTo(AgentState.START);

        client.handshake();

        assertThat(Hex.hex(client.nextFrame())).isEqualTo(Hex.hex(Hex.bytes(DEFAULT_HANDSHAKE_RESPONSE)));
        assertThat(client.agent().state()).isEqualTo(AgentState.HANDSHAKE);
        client.connection().assertNothingMoreWritten();
    }

    @Test
    void handshakeAckThenDataIsAnswered() {
        TestClient client = server().connect();
        client.handshake();
        assertThat(Hex.text(client.nextPacket().body()))
                .isEqualTo("{\"code\":200,\"sys\":{\"dict\":{},\"heartbeat\":30,\"serializer\":\"json\"}}");
        client.ack();
        assertThat(client.agent().state()).isEqualTo(AgentState.WORKING);

        client.request(1, "svc.ping", "{}");

        assertThat(client.response(1)).isEqualTo("\"pong\"");
        assertThat(client.isClosed()).isFalse();
    }

    @Test
    void handshakeDataIsKeptInTheSession() {
        TestClient client = server().connect().ready();
        var handshake = client.session().handshake();
        assertThat(handshake.platform()).isEqualTo("mac");
        assertThat(handshake.libVersion()).isEqualTo("4.6.2");
        assertThat(handshake.clientBuildNumber()).isEqualTo("20");
        assertThat(handshake.clientVersion()).isEqualTo("2.1");
        assertThat(handshake.user()).containsEntry("age", 30);
    }

    @Test
    void oldJsClientHandshakeWithUnknownSysKeysIsAccepted() {
        TestClient client = server().connect();
        client.handshake("{\"sys\":{\"type\":\"js-websocket\",\"version\":\"0.0.1\",\"rsa\":{}},\"user\":{}}");
        assertThat(Hex.text(client.nextPacket().body())).startsWith("{\"code\":200,");
        assertThat(client.isClosed()).isFalse();
    }

    @Test
    void dataBeforeAckClosesWithoutDispatching() {
        TestClient client = server().connect();
        client.handshake();
        client.nextPacket();

        client.request(1, "svc.ping", "{}");

        assertClosed(client, "before the handshake ack");
        assertThat(svc.calls).hasValue(0);
        client.connection().assertNothingMoreWritten();
    }

    @Test
    void dataBeforeHandshakeCloses() {
        TestClient client = server().connect();
        client.request(1, "svc.ping", "{}");
        assertClosed(client, "before the handshake ack");
        assertThat(svc.calls).hasValue(0);
        client.connection().assertNothingMoreWritten();
    }

    @Test
    void ackWithoutHandshakeCloses() {
        TestClient client = server().connect();
        client.ack();
        assertClosed(client, "ack without a handshake");
        client.connection().assertNothingMoreWritten();
    }

    @Test
    void secondAckCloses() {
        TestClient client = server().connect().ready();
        client.ack();
        assertClosed(client, "ack without a handshake");
    }

    @Test
    void secondHandshakeBeforeAckCloses() {
        TestClient client = server().connect();
        client.handshake();
        client.nextPacket();
        client.handshake();
        assertClosed(client, "second handshake");
        client.connection().assertNothingMoreWritten();
    }

    @Test
    void secondHandshakeAfterAckCloses() {
        TestClient client = server().connect().ready();
        client.handshake();
        assertClosed(client, "second handshake");
        client.connection().assertNothingMoreWritten();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "{\"sys\":{\"platform\":1}}",
            "{\"sys\":{\"clientVersion\":true}}",
            "{\"sys\":\"mac\"}",
            "{\"sys\":{},\"user\":[1]}",
            "[]",
            "{\"sys\":{}} trailing"})
    void invalidHandshakeIsAnsweredWith400ThenClosed(String handshake) {
        TestClient client = server().connect();

        client.handshake(handshake);

        Packet answer = client.nextPacket();
        assertThat(answer.type()).isEqualTo(PacketType.HANDSHAKE);
        assertThat(Hex.text(answer.body()))
                .isEqualTo("{\"code\":400,\"sys\":{\"dict\":{},\"heartbeat\":30,\"serializer\":\"json\"}}");
        assertClosed(client, "handshake rejected");
        assertThat(client.connection().closeCount()).isEqualTo(1);
        client.connection().assertNothingMoreWritten();
    }

    @Test
    void rejectedHandshakeClosesOnlyOnceThe400IsWritten() {
        RecordingConnection connection = RecordingConnection.manual();
        TestClient client = server().connect(connection);

        client.handshake("{\"sys\":{\"platform\":1}}");

        assertThat(Hex.text(client.nextPacket().body())).startsWith("{\"code\":400,");
        assertThat(client.agent().state()).isEqualTo(AgentState.CLOSED);
        assertThat(connection.isClosed()).as("closed before the 400 went out").isFalse();
        assertThat(connection.completeNext()).isTrue();
        assertThat(connection.isClosed()).isTrue();
    }

    @Test
    void heartbeatFromTheClientIsAcceptedInAnyState() {
        TestClient client = server().connect();
        client.send(PacketType.HEARTBEAT, new byte[0]);
        assertThat(client.agent().state()).isEqualTo(AgentState.START);
        client.handshake();
        client.nextPacket();
        client.send(PacketType.HEARTBEAT, new byte[0]);
        assertThat(client.agent().state()).isEqualTo(AgentState.HANDSHAKE);
        client.ack();
        client.send(PacketType.HEARTBEAT, new byte[0]);
        assertThat(client.agent().state()).isEqualTo(AgentState.WORKING);
        assertThat(client.isClosed()).isFalse();
        client.connection().assertNothingMoreWritten();
    }

    @Test
    void everyPacketRefreshesLastSeen() throws InterruptedException {
        TestClient client = server().connect();
        long before = client.agent().lastSeenNanos();
        assertThat(before).isEqualTo(client.agent().acceptedNanos());
        long t = System.nanoTime();
        while (System.nanoTime() == t) {
            Thread.onSpinWait();
        }
        client.send(PacketType.HEARTBEAT, new byte[0]);
        assertThat(client.agent().lastSeenNanos()).isGreaterThan(before);
    }

    @Test
    void clientKickPacketCloses() {
        TestClient client = server().connect().ready();
        client.sendFrame(Hex.bytes("05 00 00 00"));
        assertClosed(client, "kick");
    }

    @Test
    void clientResponseMessageCloses() {
        TestClient client = server().connect().ready();
        client.send(Message.response(1, Hex.utf8("{}")));
        assertClosed(client, "RESPONSE");
        client.connection().assertNothingMoreWritten();
    }

    @Test
    void clientPushMessageCloses() {
        TestClient client = server().connect().ready();
        client.send(Message.push("svc.ping", Hex.utf8("{}")));
        assertClosed(client, "PUSH");
        assertThat(svc.calls).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "00 01 10 6162",        // request whose route length (16) runs past the body
            "02 05 616263",         // notify, route length 5, 3 bytes
            "00",                   // shorter than the 2-byte minimum
            "0e 01 01 61",          // message type 7
            "01 01 00 07 7b7d",     // compressed route code 7: not in the (empty) dictionary
            "00 ff ff"})            // id varint never ends
    void malformedMessageCloses(String body) {
        TestClient client = server().connect().ready();
        client.data(Hex.bytes(body));
        assertClosed(client, "malformed message");
        assertThat(svc.calls).hasValue(0);
        client.connection().assertNothingMoreWritten();
    }

    @Test
    void protocolErrorFromTheAcceptorCloses() {
        TestClient client = server().connect().ready();
        client.agent().onProtocolError(new ProtocolException("wrong packet type"));
        assertClosed(client, "protocol error: wrong packet type");
    }

    @Test
    void peerCloseClosesTheAgent() {
        TestClient client = server().connect().ready();
        client.agent().onClosed();
        assertThat(client.agent().state()).isEqualTo(AgentState.CLOSED);
        assertThat(client.agent().closeReason()).isEqualTo("connection closed by peer");
        assertThat(server().sessions().count()).isZero();
    }

    @Test
    void closeIsIdempotentAndUnregistersTheSession() {
        TestClient client = server().connect().ready();
        TestClient other = server().connect().ready();
        AtomicInteger callbacks = new AtomicInteger();
        client.session().onClose(callbacks::incrementAndGet);
        assertThat(server().sessions().count()).isEqualTo(2);

        client.agent().close("first");
        client.agent().close("second");
        client.agent().onClosed();
        client.agent().onProtocolError(new ProtocolException("late"));

        assertThat(client.connection().closeCount()).isEqualTo(1);
        assertThat(client.agent().closeReason()).isEqualTo("first");
        assertThat(callbacks).hasValue(1);
        assertThat(server().sessions().local(client.id())).isEmpty();
        assertThat(server().sessions().byId(client.id())).isEmpty();
        assertThat(server().sessions().count()).isEqualTo(1);
        assertThat(server().server().agents()).extracting(Agent::id).containsExactly(other.id());
        assertThat(other.isClosed()).isFalse();
    }

    @Test
    void packetsAfterCloseAreIgnored() {
        TestClient client = server().connect().ready();
        client.agent().close("test");
        client.request(1, "svc.ping", "{}");
        client.handshake();
        assertThat(svc.calls).hasValue(0);
        client.connection().assertNothingMoreWritten();
        assertThat(client.agent().send(Message.push("x", new byte[0]))).isFalse();
    }

    @Test
    void ipVersionIsStoredInTheSessionData() {
        TestClient v4 = server().connect("127.0.0.1:5000").ready();
        TestClient v6 = server().connect("[::1]:5000").ready();
        assertThat(v4.session().get("ipversion")).isEqualTo("ipv4");
        assertThat(v6.session().get("ipversion")).isEqualTo("ipv6");
        assertThat(v4.session().remoteAddress()).isEqualTo("127.0.0.1:5000");
    }

    @Test
    void ipVersionIsSetOnlyByASuccessfulHandshake() {
        TestClient client = server().connect();
        assertThat(client.session().get("ipversion")).isNull();
        client.handshake();
        assertThat(client.session().get("ipversion")).isEqualTo("ipv4");
    }

    @Test
    void agentExposesTheTransport() {
        TestClient client = server().connect("[::1]:5000");
        assertThat(client.agent().transport()).isEqualTo("test");
        assertThat(client.agent().remoteAddress()).isEqualTo("[::1]:5000");
        assertThat(client.id()).isPositive();
        assertThat(client.agent().handshake()).isNull();
        client.handshake();
        assertThat(client.agent().handshake().platform()).isEqualTo("mac");
    }
}
