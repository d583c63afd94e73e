package io.pitaya.jca.tcp.nio;

import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.ProtocolException;
import io.pitaya.spi.Connection;
import io.pitaya.spi.ConnectionAcceptor;
import io.pitaya.spi.PacketSink;
import io.pitaya.testkit.RawTcp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Peers that send what a decoder must not trust, and failures (Errors included) while serving one connection: the
 * bad connection is closed and every other one keeps being served by the same loops.
 */
class HostilePeersTest extends AcceptorTestSupport {

    private static final byte[] BOOM = "boom".getBytes(StandardCharsets.UTF_8);

    /** The fake core, except that a data packet "boom" throws an Error, and accept throws one on request. */
    private final AtomicInteger failAccepts = new AtomicInteger();
    private final ConnectionAcceptor failingCore = new ConnectionAcceptor() {
        @Override
        public PacketSink accept(Connection connection) {
            if (failAccepts.getAndDecrement() > 0) {
                throw new OutOfMemoryError("test: accept");
            }
            PacketSink sink = core.accept(connection);
            return new PacketSink() {
                @Override
                public void onPacket(Packet packet) {
                    if (packet.type() == PacketType.DATA && new String(packet.body(), StandardCharsets.UTF_8).equals("boom")) {
                        throw new OutOfMemoryError("test: onPacket");
                    }
                    sink.onPacket(packet);
                }

                @Override
                public void onProtocolError(ProtocolException error) {
                    sink.onProtocolError(error);
                }

                @Override
                public void onClosed() {
                    sink.onClosed();
                }
            };
        }

        @Override
        public int maxPacketBodyLength() {
            return core.maxPacketBodyLength();
        }
    };

    private InetSocketAddress start() throws IOException {
        acceptor = new TcpAcceptor(TcpAcceptorTest.settings(0, Duration.ofSeconds(10)), failingCore, runner);
        acceptor.start();
        return acceptor.localAddress();
    }

    private RawTcp client(InetSocketAddress address) throws IOException {
        RawTcp c = RawTcp.connect(address);
        toClose.add(c);
        return c;
    }

    private static void assertEchoes(RawTcp client, String text) throws IOException {
        client.send(PacketType.DATA, text.getBytes(StandardCharsets.UTF_8));
        assertThat(client.readPacket()).isEqualTo(Packet.of(PacketType.DATA, text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anErrorWhileServingOneConnectionClosesItAndTheLoopsGoOn() throws Exception {
        InetSocketAddress address = start();
        RawTcp normal = client(address);
        normal.handshake();
        List<RawTcp> bad = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // more than the two selector threads, so each loop meets several
            RawTcp c = client(address);
            c.handshake();
            c.send(PacketType.DATA, BOOM);
            bad.add(c);
        }
        for (RawTcp c : bad) {
            c.awaitClosedByServer();
        }
        assertEchoes(normal, "still served");
        RawTcp late = client(address);
        late.handshake();
        assertEchoes(late, "new connections too");
        assertThat(runner.threads).allMatch(Thread::isAlive);
    }

    @Test
    void anErrorFromTheCoresAcceptDropsThatConnectionOnly() throws Exception {
        InetSocketAddress address = start();
        failAccepts.set(4);
        for (int i = 0; i < 4; i++) {
            client(address).awaitClosedByServer();
        }
        RawTcp next = client(address);
        next.handshake();
        assertEchoes(next, "served");
        TcpAcceptorTest.await(() -> acceptor.connectionCount() == 1, "the dropped connections to be given back");
    }

    @Test
    void hugeAnnouncedBodiesBeforeTheHandshakeAreRefusedAtOnce() throws Exception {
        InetSocketAddress address = start();
        RawTcp normal = client(address);
        normal.handshake();
        List<RawTcp> bad = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            RawTcp c = client(address);
            c.send(new byte[] {(byte) (i % 2 == 0 ? 1 : 4), (byte) 0xff, (byte) 0xff, (byte) 0xff});
            bad.add(c);
        }
        for (RawTcp c : bad) {
            c.awaitClosedByServer();
        }
        assertEchoes(normal, "still served");
    }

    @Test
    void aHalfSentLargeBodyAfterTheHandshakeWaitsWhileOthersAreServed() throws Exception {
        InetSocketAddress address = start();
        RawTcp normal = client(address);
        normal.handshake();
        RawTcp half = client(address);
        half.handshake();
        half.send(new byte[] {4, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3});
        assertEchoes(normal, "served meanwhile");
        assertThat(acceptor.connectionCount()).isEqualTo(2); // the half packet is waited for, not refused
    }
}
