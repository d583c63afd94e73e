package io.pitaya.jca.tcp.nio;

import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketType;
import io.pitaya.spi.TcpSettings;
import io.pitaya.testkit.RawTcp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first half of the acceptor's graceful stop: {@link TcpAcceptor#stopListening()} refuses newcomers and keeps
 * serving the open connections (the session drain runs then); {@link TcpAcceptor#close()} closes what is left.
 */
class TcpAcceptorStopListeningTest extends AcceptorTestSupport {

    private InetSocketAddress address;

    private static TcpSettings settings(int port) {
        return new TcpSettings("default", "127.0.0.1", port, 128, 2, 0, Duration.ofSeconds(10), null);
    }

    private void start() throws IOException {
        acceptor = new TcpAcceptor(settings(0), core, runner);
        acceptor.start();
        address = acceptor.localAddress();
    }

    private boolean refusesNewConnections() {
        try (Socket ignored = new Socket(address.getAddress(), address.getPort())) {
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            return false;
        }
    }

    private static void echoes(RawTcp client, String text) throws IOException {
        client.send(PacketType.DATA, text.getBytes(StandardCharsets.UTF_8));
        assertThat(client.readPacket()).isEqualTo(Packet.of(PacketType.DATA, text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void stopListeningRefusesNewcomersAndKeepsServingTheOpenConnectionsUntilClose() throws Exception {
        start();
        try (RawTcp staying = RawTcp.connect(address); RawTcp leaving = RawTcp.connect(address)) {
            staying.handshake();
            leaving.handshake();
            FakeSink stayingSink = core.sinkFor(staying);
            FakeSink leavingSink = core.sinkFor(leaving);

            acceptor.stopListening();

            assertThat(refusesNewConnections()).isTrue();
            echoes(staying, "still served");
            leaving.close();
            assertThat(leavingSink.awaitClosed()).as("a client leaving on its own is seen as usual").isTrue();
            TcpAcceptorTest.await(() -> acceptor.connectionCount() == 1, "one connection left");
            assertThat(stayingSink.closedCount).hasValue(0);

            acceptor.close();

            staying.awaitClosedByServer();
            assertThat(stayingSink.awaitClosed()).isTrue();
            assertThat(stayingSink.closedCount).hasValue(1);
            assertThat(leavingSink.closedCount).hasValue(1);
        }
        assertThat(runner.allEnded(5000)).as("all loops ended").isTrue();
    }

    @Test
    void stopListeningIsIdempotentAndReleasesThePortForARedeploy() throws Exception {
        start();
        try (RawTcp open = RawTcp.connect(address)) {
            open.handshake();

            acceptor.stopListening();
            acceptor.stopListening();

            TcpAcceptor next = new TcpAcceptor(settings(address.getPort()), core, runner);
            try {
                next.start();
                assertThat(next.localAddress().getPort()).isEqualTo(address.getPort());
            } finally {
                next.close();
            }
            echoes(open, "served while the port is someone else's");
        }
    }

    @Test
    void stopListeningAfterCloseOrBeforeStartDoesNothing() throws Exception {
        TcpAcceptor notStarted = new TcpAcceptor(settings(0), core, runner);
        notStarted.stopListening();
        notStarted.close();

        start();
        acceptor.close();
        acceptor.stopListening();
        assertThat(acceptor.connectionCount()).isZero();
    }
}
