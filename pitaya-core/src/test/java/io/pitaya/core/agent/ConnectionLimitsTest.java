package io.pitaya.core.agent;

import io.pitaya.api.Handler;
import io.pitaya.core.config.MapConfig;
import io.pitaya.core.testing.RecordingConnection;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import io.pitaya.protocol.Hex;
import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageCodec;
import io.pitaya.protocol.message.RouteDictionary;
import io.pitaya.spi.PacketSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rate limiting (Pitaya's acceptor wrapper) and the handshake deadline, through a real server. */
class ConnectionLimitsTest {

    @Handler("svc")
    public static class Svc {
        public String ping() {
            return "pong";
        }
    }

    private static final MessageCodec CODEC = new MessageCodec(RouteDictionary.EMPTY, false);
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    // --- configuration ----------------------------------------------------------------------------------------

    @Test
    void defaultsAreRateLimitingOffAndATenSecondHandshakeDeadline() {
        ConnectionLimits limits = ConnectionLimits.from(MapConfig.of());
        assertThat(limits.rateLimiting()).isFalse();
        assertThat(limits.rateLimit()).isEqualTo(20);
        assertThat(limits.rateLimitInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(limits.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(limits).hasToString("rate limiting off, handshake timeout 10000 ms");
    }

    @Test
    void rateLimitingIsOnWhenEnabledUnlessForceDisabled() {
        ConnectionLimits on = ConnectionLimits.from(MapConfig.of(ConnectionLimits.RATE_LIMITING_ENABLED, "true",
                ConnectionLimits.RATE_LIMIT, "5", ConnectionLimits.RATE_LIMIT_INTERVAL, "500ms",
                ConnectionLimits.HANDSHAKE_TIMEOUT, "0"));
        assertThat(on.rateLimiting()).isTrue();
        assertThat(on).hasToString("rate limiting 5 packets per 500 ms, handshake timeout off");

        ConnectionLimits forced = ConnectionLimits.from(MapConfig.of(ConnectionLimits.RATE_LIMITING_ENABLED, "true",
                ConnectionLimits.RATE_LIMITING_FORCE_DISABLE, "true"));
        assertThat(forced.rateLimiting()).isFalse();
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> ConnectionLimits.from(MapConfig.of(ConnectionLimits.RATE_LIMIT, "0")))
                .hasMessageContaining(ConnectionLimits.RATE_LIMIT);
        assertThatThrownBy(() -> ConnectionLimits.from(MapConfig.of(ConnectionLimits.RATE_LIMIT_INTERVAL, "0s")))
                .hasMessageContaining(ConnectionLimits.RATE_LIMIT_INTERVAL);
        assertThatThrownBy(() -> ConnectionLimits.from(MapConfig.of(ConnectionLimits.HANDSHAKE_TIMEOUT, "-1s")))
                .hasMessageContaining(ConnectionLimits.HANDSHAKE_TIMEOUT);
        assertThatThrownBy(() -> ConnectionLimits.from(MapConfig.of(ConnectionLimits.RATE_LIMITING_ENABLED, "maybe")))
                .hasMessageContaining(ConnectionLimits.RATE_LIMITING_ENABLED);
    }

    // --- rate limiting ----------------------------------------------------------------------------------------

    /** A connection whose packets go through what the server's accept returned, as an acceptor's would. */
    private record Raw(RecordingConnection connection, PacketSink sink) {
        void send(Packet packet) {
            sink.onPacket(packet);
        }

        void request(long id) {
            send(Packet.of(PacketType.DATA, CODEC.encode(Message.request(id, "svc.ping", Hex.utf8("{}")))));
        }
    }

    private Raw rawConnect() {
        RecordingConnection connection = RecordingConnection.autoComplete();
        PacketSink sink = server.server().accept(connection);
        connection.attach(sink);
        return new Raw(connection, sink);
    }

    @Test
    void packetsOverTheLimitAreDroppedSilentlyAndCounted() {
        // a long interval: no slot frees during the test
        ConnectionLimits limits = new ConnectionLimits(true, 5, Duration.ofHours(1), Duration.ZERO);
        server = TestServer.builder().handler(new Svc()).limits(limits).start();
        Raw c = rawConnect();
        assertThat(c.sink()).isInstanceOf(RateLimitedSink.class);

        c.send(Packet.of(PacketType.HANDSHAKE, Hex.utf8(TestClient.HANDSHAKE_JSON)));   // 1
        assertThat(c.connection().nextPacket().type()).isEqualTo(PacketType.HANDSHAKE);
        c.send(Packet.HANDSHAKE_ACK);                                                    // 2
        c.send(Packet.HEARTBEAT);                                                        // 3: heartbeats count too
        c.request(1);                                                                    // 4
        c.request(2);                                                                    // 5
        c.request(3);                                                                    // dropped
        c.send(Packet.HEARTBEAT);                                                        // dropped
        c.request(4);                                                                    // dropped

        assertThat(CODEC.decode(c.connection().nextPacket().body()).id()).isEqualTo(1);
        assertThat(CODEC.decode(c.connection().nextPacket().body()).id()).isEqualTo(2);
        c.connection().assertNothingMoreWritten();
        assertThat(c.connection().isClosed()).as("dropping is silent: the connection stays").isFalse();
        assertThat(((RateLimitedSink) c.sink()).dropped()).isEqualTo(3);
        assertThat(limits.exceededRateLimit()).isEqualTo(3);

        // each connection has its own budget; the counter is the server's
        Raw other = rawConnect();
        other.send(Packet.of(PacketType.HANDSHAKE, Hex.utf8(TestClient.HANDSHAKE_JSON)));
        assertThat(other.connection().nextPacket().type()).isEqualTo(PacketType.HANDSHAKE);
        other.send(Packet.HANDSHAKE_ACK);
        other.request(1);
        assertThat(CODEC.decode(other.connection().nextPacket().body()).id()).isEqualTo(1);
        assertThat(limits.exceededRateLimit()).isEqualTo(3);
    }

    @Test
    void aPoliteClientIsNeverLimited() throws InterruptedException {
        server = TestServer.builder().handler(new Svc())
                .limits(new ConnectionLimits(true, 10, Duration.ofMillis(100), Duration.ZERO)).start();
        Raw c = rawConnect();
        c.send(Packet.of(PacketType.HANDSHAKE, Hex.utf8(TestClient.HANDSHAKE_JSON)));
        c.connection().nextPacket();
        c.send(Packet.HANDSHAKE_ACK);
        for (int i = 1; i <= 20; i++) {
            Thread.sleep(30); // at most 4 packets (handshake and ack included) in any 100 ms, against 10 allowed
            c.request(i);
            assertThat(CODEC.decode(c.connection().nextPacket().body()).id()).isEqualTo(i);
        }
        assertThat(((RateLimitedSink) c.sink()).dropped()).isZero();
    }

    @Test
    void closingAndBadInputStillReachTheAgent() {
        server = TestServer.builder().limits(new ConnectionLimits(true, 1, Duration.ofHours(1), Duration.ZERO)).start();
        Raw c = rawConnect();
        c.send(Packet.HEARTBEAT); // uses the only slot
        c.sink().onProtocolError(new io.pitaya.protocol.ProtocolException("bad bytes"));
        assertThat(c.connection().isClosed()).isTrue();
        assertThat(server.sessions().count()).isZero();
    }

    @Test
    void withoutRateLimitingTheAcceptorTalksToTheAgentDirectly() {
        server = TestServer.builder().limits(new ConnectionLimits(false, 1, Duration.ofHours(1), Duration.ZERO)).start();
        assertThat(rawConnect().sink()).isInstanceOf(Agent.class);
    }

    // --- handshake deadline -----------------------------------------------------------------------------------

    @Test
    void connectionsThatDoNotFinishTheHandshakeInTimeAreClosedEvenIfTheySendHeartbeats() throws InterruptedException {
        server = TestServer.builder().limits(new ConnectionLimits(false, 1, Duration.ofSeconds(1), Duration.ofMillis(300)))
                .start();
        TestClient silent = server.connect();
        TestClient heartbeatsOnly = server.connect();
        TestClient noAck = server.connect();
        noAck.handshake();
        noAck.nextPacket();
        TestClient done = server.connect().ready();

        for (int i = 0; i < 6; i++) {
            heartbeatsOnly.send(PacketType.HEARTBEAT, new byte[0]);
            noAck.send(PacketType.HEARTBEAT, new byte[0]);
            Thread.sleep(100);
        }
        silent.connection().awaitClosed();
        heartbeatsOnly.connection().awaitClosed();
        noAck.connection().awaitClosed();
        assertThat(heartbeatsOnly.agent().closeReason()).isEqualTo("handshake not completed within 300 ms");
        assertThat(done.isClosed()).isFalse();
        assertThat(server.sessions().count()).isEqualTo(1);
    }

    @Test
    void aZeroTimeoutSchedulesNothing() throws InterruptedException {
        server = TestServer.builder().limits(ConnectionLimits.NONE).start();
        TestClient idle = server.connect();
        Thread.sleep(100);
        assertThat(idle.isClosed()).isFalse();
    }
}
