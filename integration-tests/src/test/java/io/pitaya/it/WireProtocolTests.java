package io.pitaya.it;

import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageCodec;
import io.pitaya.protocol.message.RouteDictionary;
import io.pitaya.testkit.LibpitayaHandshake;
import io.pitaya.testkit.RawConnection;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protocol at the byte level against WildFly (heartbeat 1 s in this deployment): handshake, heartbeats,
 * heartbeat timeout, and bad input that must close only the offending connection. Run per transport.
 */
@ExtendWith(ArquillianExtension.class)
abstract class WireProtocolTests {

    /** The transport under test. */
    abstract java.net.URI endpoint();

    static final MessageCodec CODEC = new MessageCodec(RouteDictionary.EMPTY, false);
    static final byte[] HANDSHAKE = LibpitayaHandshake.packet();
    static final byte[] ACK = {2, 0, 0, 0};

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.earWithTestApp();
    }

    RawConnection handshaken() throws Exception {
        RawConnection ws = RawConnection.open(endpoint());
        ws.send(HANDSHAKE);
        byte[] response = ws.receive(5000);
        assertThat(response).isNotNull();
        assertThat(new String(response, 4, response.length - 4, StandardCharsets.UTF_8))
                .isEqualTo("{\"code\":200,\"sys\":{\"dict\":{},\"heartbeat\":1,\"serializer\":\"json\"}}");
        ws.send(ACK);
        return ws;
    }

    static byte[] request(long id, String route, String json) {
        return PacketCodec.encode(PacketType.DATA, CODEC.encode(Message.request(id, route, json.getBytes(StandardCharsets.UTF_8))));
    }

    /** Proves the server still serves: a new client completes a request. */
    void serverStillServes() throws Exception {
        try (RawConnection other = handshaken()) {
            other.send(request(1, "testsvc.testrequestreturnsptr", "{\"msg\":\"ok\"}"));
            Message m = nextData(other);
            assertThat(new String(m.data(), StandardCharsets.UTF_8)).isEqualTo("{\"code\":200,\"msg\":\"hello ok\"}");
        }
    }

    static Message nextData(RawConnection ws) throws Exception {
        for (int i = 0; i < 10; i++) {
            byte[] frame = ws.receive(5000);
            assertThat(frame).as("a data packet").isNotNull();
            Packet p = PacketCodec.decodeFrame(frame, PacketCodec.MAX_BODY_LENGTH);
            if (p.type() == PacketType.DATA) {
                return CODEC.decode(p.body());
            }
        }
        throw new AssertionError("no data packet");
    }

    @Test
    void requestAnswersWithTheRequestId() throws Exception {
        try (RawConnection ws = handshaken()) {
            ws.send(request(300, "testsvc.testrequestreturnsptr", "{\"msg\":\"x\"}"));
            byte[] frame = ws.receive(5000);
            // 04 <len> 04 ac 02 {json}: a response, id 300 as a two-byte varint
            assertThat(frame[0]).isEqualTo((byte) 4);
            assertThat(frame[4]).isEqualTo((byte) 0x04);
            assertThat(frame[5]).isEqualTo((byte) 0xac);
            assertThat(frame[6]).isEqualTo((byte) 0x02);
        }
    }

    @Test
    void serverSendsHeartbeatsAndDropsASilentClient() throws Exception {
        try (RawConnection ws = handshaken()) {
            byte[] heartbeat = ws.receive(3000);
            assertThat(heartbeat).containsExactly(3, 0, 0, 0);
            // never answer: dropped after more than 2 intervals (2-3 s with a 1 s interval)
            assertThat(ws.closedWithin(6000)).isTrue();
        }
    }

    @Test
    void aClientThatSendsHeartbeatsStaysConnected() throws Exception {
        try (RawConnection ws = handshaken()) {
            long until = System.currentTimeMillis() + 4000;
            while (System.currentTimeMillis() < until) {
                ws.send(new byte[]{3, 0, 0, 0});
                Thread.sleep(500);
            }
            assertThat(ws.closedWithin(10)).isFalse();
            ws.send(request(1, "testsvc.testrequestreturnsptr", "{\"msg\":\"alive\"}"));
            assertThat(new String(nextData(ws).data(), StandardCharsets.UTF_8)).contains("hello alive");
        }
    }

    @Test
    void unknownPacketTypeClosesTheConnection() throws Exception {
        try (RawConnection ws = handshaken()) {
            ws.send(new byte[]{9, 0, 0, 0});
            assertThat(ws.closedWithin(3000)).isTrue();
        }
        serverStillServes();
    }

    @Test
    void dataBeforeTheAckClosesTheConnection() throws Exception {
        try (RawConnection ws = RawConnection.open(endpoint())) {
            ws.send(HANDSHAKE);
            assertThat(ws.receive(5000)).isNotNull();
            ws.send(request(1, "testsvc.testrequestreturnsptr", "{}"));
            assertThat(ws.closedWithin(3000)).isTrue();
        }
        serverStillServes();
    }

    @Test
    void oversizePacketClosesTheConnection() throws Exception {
        try (RawConnection ws = handshaken()) {
            ws.send(new byte[]{4, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0}); // announces 16 MiB, over the limit
            assertThat(ws.closedWithin(3000)).isTrue();
        }
        serverStillServes();
    }

    @Test
    void malformedMessageClosesTheConnection() throws Exception {
        try (RawConnection ws = handshaken()) {
            // request id 1, route length 50 but only 3 bytes follow
            ws.send(PacketCodec.encode(PacketType.DATA, new byte[]{0x00, 0x01, 50, 'a', 'b', 'c'}));
            assertThat(ws.closedWithin(3000)).isTrue();
        }
        try (RawConnection ws = handshaken()) {
            ws.send(PacketCodec.encode(PacketType.DATA, new byte[]{(byte) 0x0e, 0x01})); // message type 7
            assertThat(ws.closedWithin(3000)).isTrue();
        }
        serverStillServes();
    }

    @Test
    void invalidHandshakeIsAnsweredWith400ThenClosed() throws Exception {
        try (RawConnection ws = RawConnection.open(endpoint())) {
            ws.send(PacketCodec.encode(PacketType.HANDSHAKE, "not json".getBytes(StandardCharsets.UTF_8)));
            byte[] response = ws.receive(5000);
            assertThat(new String(response, 4, response.length - 4, StandardCharsets.UTF_8))
                    .isEqualTo("{\"code\":400,\"sys\":{\"dict\":{},\"heartbeat\":1,\"serializer\":\"json\"}}");
            assertThat(ws.closedWithin(3000)).isTrue();
        }
        serverStillServes();
    }
}
