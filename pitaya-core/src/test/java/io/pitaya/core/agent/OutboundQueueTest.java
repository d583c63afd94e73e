package io.pitaya.core.agent;

import io.pitaya.core.session.LinkedSession;
import io.pitaya.core.testing.RecordingConnection;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import io.pitaya.protocol.Hex;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's outbound queue, seen through the server and a session. */
class OutboundQueueTest {

    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    /** A ready client on a connection whose writes complete only on demand. */
    private TestClient manualClient() {
        RecordingConnection c = RecordingConnection.manual();
        TestClient client = server.connect(c);
        client.handshake();
        client.nextPacket();
        assertThat(c.completeNext()).isTrue();
        client.ack();
        return client;
    }

    private static String pushRoute(byte[] frame) {
        return new io.pitaya.protocol.message.MessageCodec(io.pitaya.protocol.message.RouteDictionary.EMPTY, false)
                .decode(io.pitaya.protocol.PacketCodec.decodeFrame(frame).body()).route();
    }

    @Test
    void pushesAreWrittenInOrderOneAtATime() {
        server = TestServer.start();
        TestClient client = manualClient();
        LinkedSession session = client.session();

        for (int i = 1; i <= 5; i++) {
            assertThat(session.push("r" + i, "x")).isTrue();
        }

        for (int i = 1; i <= 5; i++) {
            assertThat(pushRoute(client.nextFrame())).isEqualTo("r" + i);
            assertThat(client.connection().unread()).as("next write before the previous completed").isZero();
            client.connection().completeNext();
        }
        assertThat(client.connection().maxInFlight()).isEqualTo(1);
    }

    @Test
    void overflowingTheAgentBufferClosesTheConnection() {
        server = TestServer.builder().buffer(3).start();
        TestClient client = manualClient();
        LinkedSession session = client.session();
        assertThat(session.push("r", "in flight")).isTrue();

        for (int i = 0; i < 3; i++) {
            assertThat(session.push("r", i)).as("push %d", i).isTrue();
        }
        assertThat(client.isClosed()).isFalse();

        assertThat(session.push("r", "one too many")).isFalse();

        assertThat(client.isClosed()).isTrue();
        assertThat(client.agent().closeReason()).contains("outbound queue full (3 packets)");
        assertThat(session.isClosed()).isTrue();
        assertThat(server.sessions().count()).isZero();
        assertThat(session.push("r", "after")).isFalse();
    }

    @Test
    void kickIsWrittenAfterQueuedPushesThenTheConnectionCloses() {
        server = TestServer.start();
        TestClient client = manualClient();
        LinkedSession session = client.session();
        AtomicInteger closeCallbacks = new AtomicInteger();
        session.onClose(closeCallbacks::incrementAndGet);
        session.push("first", "a");
        session.push("second", "b");

        session.kick();

        assertThat(session.isClosed()).as("session closed at once").isTrue();
        assertThat(closeCallbacks).hasValue(1);
        assertThat(server.sessions().count()).isZero();
        assertThat(session.push("late", "c")).as("push after kick").isFalse();
        assertThat(pushRoute(client.nextFrame())).isEqualTo("first");
        assertThat(client.isClosed()).isFalse();
        client.connection().completeNext();
        assertThat(pushRoute(client.nextFrame())).isEqualTo("second");
        assertThat(client.isClosed()).isFalse();
        client.connection().completeNext();
        assertThat(Hex.hex(client.nextFrame())).isEqualTo("05000000");
        assertThat(client.isClosed()).as("closed before the kick was written").isFalse();
        client.connection().completeNext();
        assertThat(client.isClosed()).isTrue();
        assertThat(client.connection().closeCount()).isEqualTo(1);
        client.connection().assertNothingMoreWritten();
        assertThat(client.agent().closeReason()).isEqualTo("kicked");
    }

    @Test
    void kickOnAFastConnection() {
        server = TestServer.start();
        TestClient client = server.connect().ready();
        LinkedSession session = client.session();
        session.push("onMessage", "bye");

        session.kick();
        session.kick();

        Message push = client.nextMessage();
        assertThat(push.type()).isEqualTo(MessageType.PUSH);
        assertThat(Hex.hex(client.nextFrame())).isEqualTo("05000000");
        client.connection().assertNothingMoreWritten();
        assertThat(client.connection().closeCount()).isEqualTo(1);
    }

    @Test
    void kickedClientThatStopsReadingIsClosedAfterTheWriteTimeout() {
        server = TestServer.builder().writeTimeout(Duration.ofMillis(50)).start();
        TestClient client = manualClient();
        client.session().push("stuck", "x"); // never completes

        client.session().kick();

        assertThat(client.isClosed()).isFalse();
        client.connection().awaitClosed(); // by the scheduler, up to 5 s
        assertThat(client.connection().history()).hasSize(2); // handshake + the stuck push; the kick never left
    }

    @Test
    void aFailedWriteClosesTheAgent() {
        server = TestServer.start();
        TestClient client = manualClient();
        client.session().push("r", "x");

        client.connection().failNext(new IOException("broken pipe"));

        assertThat(client.isClosed()).isTrue();
        assertThat(client.agent().closeReason()).isEqualTo("write failed: java.io.IOException: broken pipe");
        assertThat(server.sessions().count()).isZero();
    }
}
