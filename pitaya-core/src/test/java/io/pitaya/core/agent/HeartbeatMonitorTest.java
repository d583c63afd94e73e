package io.pitaya.core.agent;

import io.pitaya.core.testing.RecordingConnection;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import io.pitaya.protocol.Hex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatMonitorTest {

    private static final String HEARTBEAT = "03000000";
    private static final Duration LONG = Duration.ofHours(1);

    private TestServer server = TestServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private HeartbeatMonitor monitor(Duration interval, Duration writeTimeout) {
        return new HeartbeatMonitor(server.server()::agents, interval, writeTimeout);
    }

    @Test
    void heartbeatsGoToHandshakedAgentsOnly() {
        TestClient fresh = server.connect();
        TestClient handshaked = server.connect();
        handshaked.handshake();
        handshaked.nextPacket();
        TestClient working = server.connect().ready();

        monitor(LONG, LONG).run();

        fresh.connection().assertNothingMoreWritten();
        assertThat(Hex.hex(handshaked.nextFrame())).isEqualTo(HEARTBEAT);
        assertThat(Hex.hex(working.nextFrame())).isEqualTo(HEARTBEAT);
        handshaked.connection().assertNothingMoreWritten();
        working.connection().assertNothingMoreWritten();
        assertThat(fresh.isClosed() || handshaked.isClosed() || working.isClosed()).isFalse();

        monitor(LONG, LONG).run();
        assertThat(Hex.hex(working.nextFrame())).isEqualTo(HEARTBEAT);
        fresh.connection().assertNothingMoreWritten();
    }

    @Test
    void agentsSilentForMoreThanTwiceTheIntervalAreClosed() throws InterruptedException {
        TestClient fresh = server.connect();
        TestClient working = server.connect().ready();
        Duration interval = Duration.ofMillis(25);

        Thread.sleep(interval.multipliedBy(4).toMillis());
        monitor(interval, LONG).run();

        assertThat(fresh.isClosed()).isTrue();
        assertThat(working.isClosed()).isTrue();
        assertThat(fresh.agent().closeReason()).isEqualTo("heartbeat timeout");
        assertThat(working.agent().closeReason()).isEqualTo("heartbeat timeout");
        working.connection().assertNothingMoreWritten();
        assertThat(server.sessions().count()).isZero();
    }

    @Test
    void agentWhoseWriteIsStuckLongerThanTheWriteTimeoutIsClosed() throws InterruptedException {
        RecordingConnection stuck = RecordingConnection.manual();
        TestClient client = server.connect(stuck);
        client.handshake(); // the handshake response is never acknowledged by the transport
        assertThat(stuck.pendingWrites()).isEqualTo(1);
        assertThat(client.agent().writeInFlightNanos(System.nanoTime())).isPositive();

        monitor(LONG, LONG).run();
        assertThat(client.isClosed()).as("closed before the write timeout").isFalse();

        Thread.sleep(60);
        monitor(LONG, Duration.ofMillis(20)).run();

        assertThat(client.isClosed()).isTrue();
        assertThat(client.agent().closeReason()).isEqualTo("write timed out");
        assertThat(server.sessions().count()).isZero();
    }

    @Test
    void aTinyWriteTimeoutDoesNotCloseAnAgentWithNoWriteInFlight() throws InterruptedException {
        TestClient client = server.connect().ready();
        assertThat(client.agent().writeInFlightNanos(System.nanoTime())).isZero();
        Thread.sleep(5);

        monitor(LONG, Duration.ofNanos(1)).run();

        assertThat(client.isClosed()).isFalse();
        assertThat(Hex.hex(client.nextFrame())).isEqualTo(HEARTBEAT);
    }

    @Test
    void theRunningServerSendsHeartbeatsEveryInterval() {
        server.close();
        server = TestServer.builder().heartbeat(Duration.ofSeconds(1)).start();
        TestClient client = server.connect();
        client.handshake();
        assertThat(Hex.text(client.nextPacket().body())).contains("\"heartbeat\":1,");
        client.ack();

        assertThat(Hex.hex(client.nextFrame())).isEqualTo(HEARTBEAT); // waits up to 5 s
        assertThat(client.isClosed()).isFalse();
    }
}
