package io.pitaya.jca.tcp.nio;

import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.spi.TcpSettings;
import io.pitaya.testkit.RawTcp;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TcpAcceptorTest extends AcceptorTestSupport {


    static TcpSettings settings(int maxConnections, Duration writeTimeout) {
        return new TcpSettings("default", "127.0.0.1", 0, 128, 2, maxConnections, writeTimeout, null);
    }

    private InetSocketAddress start(TcpSettings settings) throws IOException {
        acceptor = new TcpAcceptor(settings, core, runner);
        acceptor.start();
        return acceptor.localAddress();
    }

    private InetSocketAddress start() throws IOException {
        return start(settings(0, Duration.ofSeconds(10)));
    }

    private RawTcp client(InetSocketAddress address) throws IOException {
        RawTcp c = RawTcp.connect(address);
        toClose.add(c);
        return c;
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(2);
        }
    }

    @Test
    void handshakeAndEchoRoundTrip() throws Exception {
        InetSocketAddress address = start();
        RawTcp client = client(address);

        client.send(PacketType.HANDSHAKE, "{\"sys\":{}}".getBytes(StandardCharsets.UTF_8));
        Packet response = client.readPacket();
        client.send(PacketType.DATA, "hello".getBytes(StandardCharsets.UTF_8));
        Packet echo = client.readPacket();

        assertThat(response).isEqualTo(PacketCodec.decodeFrame(FakeSink.HANDSHAKE_RESPONSE));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith("{\"code\":200,");
        assertThat(echo).isEqualTo(Packet.of(PacketType.DATA, "hello".getBytes(StandardCharsets.UTF_8)));
        FakeSink sink = core.nextAccepted();
        assertThat(sink.connection.transport()).isEqualTo("tcp");
        assertThat(sink.connection.remoteAddress()).isEqualTo("127.0.0.1:" + client.socket().getLocalPort());
        assertThat(acceptor.connectionCount()).isEqualTo(1);
    }

    @Test
    void severalPacketsInOneWriteArriveInOrder() throws Exception {
        RawTcp client = client(start());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(PacketCodec.encode(Packet.HEARTBEAT));
        all.write(PacketCodec.encode(PacketType.DATA, "one".getBytes()));
        all.write(PacketCodec.encode(PacketType.DATA, "two".getBytes()));
        all.write(PacketCodec.encode(Packet.HANDSHAKE_ACK));

        client.send(all.toByteArray());

        FakeSink sink = core.nextAccepted();
        assertThat(List.of(sink.nextPacket(), sink.nextPacket(), sink.nextPacket(), sink.nextPacket()))
                .containsExactly(Packet.HEARTBEAT, Packet.of(PacketType.DATA, "one".getBytes()),
                        Packet.of(PacketType.DATA, "two".getBytes()), Packet.HANDSHAKE_ACK);
        assertThat(client.readPacket().body()).isEqualTo("one".getBytes());
        assertThat(client.readPacket().body()).isEqualTo("two".getBytes());
    }

    @Test
    void packetSplitByteByByteIsReassembled() throws Exception {
        RawTcp client = client(start());
        byte[] packet = PacketCodec.encode(PacketType.DATA, "split into single bytes".getBytes());

        for (byte b : packet) {
            client.send(new byte[]{b});
        }

        FakeSink sink = core.nextAccepted();
        assertThat(sink.nextPacket()).isEqualTo(PacketCodec.decodeFrame(packet));
        assertThat(client.readPacket()).isEqualTo(PacketCodec.decodeFrame(packet));
        assertThat(sink.packets).isEmpty();
    }

    @Test
    void oneMegabytePacketIsEchoed() throws Exception {
        RawTcp client = client(start());
        client.handshake(); // before it, only handshake-sized packets are accepted
        byte[] body = new byte[1024 * 1024];
        new java.util.Random(42).nextBytes(body);

        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
            try {
                client.send(PacketType.DATA, body);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Packet echo = client.readPacket();

        sent.get(5, TimeUnit.SECONDS);
        assertThat(echo.type()).isEqualTo(PacketType.DATA);
        assertThat(Arrays.equals(echo.body(), body)).as("echoed body equals the sent body").isTrue();
    }

    @Test
    void writeTheSocketCannotTakeCompletesOnTheSelectorOnceTheClientReads() throws Exception {
        RawTcp client = RawTcp.connectSlowReader(start());
        toClose.add(client);
        FakeSink sink = core.nextAccepted();
        byte[] body = new byte[12 * 1024 * 1024]; // more than socket buffers hold (tcp_wmem max is 4 MB)
        Arrays.fill(body, (byte) 7);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> result = new AtomicReference<>(new AssertionError("not completed"));
        AtomicReference<Thread> completer = new AtomicReference<>();

        long before = System.nanoTime();
        sink.connection.write(PacketCodec.encode(PacketType.DATA, body), t -> {
            result.set(t);
            completer.set(Thread.currentThread());
            done.countDown();
        });
        long callMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);

        assertThat(done.getCount()).as("write still in flight: the client has not read").isEqualTo(1);
        assertThat(callMillis).as("write() does not block the caller").isLessThan(1000);
        Packet received = client.readPacket();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(result.get()).isNull();
        assertThat(completer.get().getName()).contains("selector");
        assertThat(received.body()).hasSize(body.length);
        assertThat(Arrays.equals(received.body(), body)).isTrue();
    }

    @Test
    void garbageHttpAndTlsProbesAreClosedWithin100msWhileOthersKeepWorking() throws Exception {
        InetSocketAddress address = start();
        RawTcp good = client(address);
        good.handshake();

        byte[][] probes = {
                {0x00, 0x00, 0x00, 0x00},
                "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                clientHello(),
        };
        for (byte[] probe : probes) {
            RawTcp c = client(address);
            long sentAt = System.nanoTime();
            c.send(probe);
            c.awaitClosedByServer();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
            assertThat(millis).as("probe starting with 0x%02x closed after %d ms", probe[0], millis).isLessThan(100);
        }

        good.send(PacketType.DATA, "still here".getBytes());
        assertThat(good.readPacket().body()).isEqualTo("still here".getBytes());
        List<FakeSink> probed = core.sinks.subList(1, 4);
        for (FakeSink s : probed) {
            assertThat(s.awaitClosed()).isTrue();
            assertThat(s.protocolErrors).hasSize(1);
            assertThat(s.protocolErrors.get(0)).hasMessage("wrong packet type");
            assertThat(s.packets).isEmpty();
        }
        await(() -> acceptor.connectionCount() == 1, "only the good connection left");
    }

    /** A real TLS ClientHello, as pitaya-cli sends when it probes for TCP+TLS. */
    static byte[] clientHello() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", 3250);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        assertThat(hello[0]).isEqualTo((byte) 0x16);
        assertThat(hello[1]).isEqualTo((byte) 0x03);
        return hello;
    }

    @Test
    void oversizeLengthIsClosedBeforeTheBodyArrives() throws Exception {
        core.maxBody = 1024;
        RawTcp client = client(start());

        client.send(new byte[]{0x04, 0x00, 0x04, 0x01}); // 1025-byte body announced

        client.awaitClosedByServer();
        FakeSink sink = core.nextAccepted();
        assertThat(sink.awaitClosed()).isTrue();
        assertThat(sink.protocolErrors).singleElement().satisfies(e -> assertThat(e).hasMessage("packet too large"));
    }

    @Test
    void clientEofClosesOnceAndFreesTheSlot() throws Exception {
        RawTcp client = client(start());
        client.handshake();
        FakeSink sink = core.nextAccepted();

        client.close();

        assertThat(sink.awaitClosed()).isTrue();
        await(() -> acceptor.connectionCount() == 0, "connection count back to 0");
        sink.connection.close(); // the core closing too must not notify again
        acceptor.close();
        assertThat(sink.closedCount).hasValue(1);
        assertThat(sink.protocolErrors).isEmpty();
    }

    @Test
    void concurrentClosesNotifyTheSinkOnce() throws Exception {
        client(start()).handshake();
        FakeSink sink = core.nextAccepted();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                sink.connection.close();
            });
            t.start();
            threads.add(t);
        }

        go.countDown();
        for (Thread t : threads) {
            t.join(5000);
        }

        assertThat(sink.awaitClosed()).isTrue();
        assertThat(sink.closedCount).hasValue(1);
        assertThat(acceptor.connectionCount()).isZero();
    }

    @Test
    void closeFromTheCoreClosesTheSocket() throws Exception {
        RawTcp client = client(start());
        client.handshake();
        FakeSink sink = core.nextAccepted();

        core.worker.submit(sink.connection::close).get(5, TimeUnit.SECONDS);

        client.awaitClosedByServer();
        assertThat(sink.closedCount).hasValue(1);
    }

    @Test
    void writeAfterCloseFailsWithoutBlocking() throws Exception {
        client(start()).handshake();
        FakeSink sink = core.nextAccepted();
        sink.connection.close();
        AtomicReference<Throwable> result = new AtomicReference<>();

        sink.connection.write(PacketCodec.encode(Packet.HEARTBEAT), result::set);

        assertThat(result.get()).isInstanceOf(ClosedChannelException.class);
    }

    @Test
    void secondWriteWhileOneIsInFlightIsRejected() throws Exception {
        RawTcp client = RawTcp.connectSlowReader(start());
        toClose.add(client);
        FakeSink sink = core.nextAccepted();
        AtomicReference<Throwable> second = new AtomicReference<>();

        sink.connection.write(PacketCodec.encode(PacketType.DATA, new byte[12 * 1024 * 1024]), t -> { });
        sink.connection.write(PacketCodec.encode(Packet.HEARTBEAT), second::set);

        assertThat(second.get()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void connectionRefusedByTheCoreIsClosedWithoutASink() throws Exception {
        core.refuse = true;
        RawTcp client = client(start());

        client.awaitClosedByServer();

        assertThat(core.acceptCalls).hasValue(1);
        assertThat(core.sinks).isEmpty();
        await(() -> acceptor.connectionCount() == 0, "refused connection released");
    }

    @Test
    void connectionsBeyondMaxConnectionsAreClosedAtOnce() throws Exception {
        InetSocketAddress address = start(settings(2, Duration.ofSeconds(10)));
        RawTcp first = client(address);
        client(address).handshake();
        first.handshake();
        FakeSink firstSink = core.sinkFor(first);

        RawTcp third = client(address);
        third.awaitClosedByServer();
        assertThat(core.acceptCalls).hasValue(2);

        first.close();
        assertThat(firstSink.awaitClosed()).isTrue();
        RawTcp fourth = client(address);
        fourth.handshake();
        assertThat(core.acceptCalls).hasValue(3);
        assertThat(acceptor.connectionCount()).isEqualTo(2);
    }

    @Test
    void closingTheAcceptorClosesEveryConnectionAndReleasesThePort() throws Exception {
        InetSocketAddress address = start();
        List<RawTcp> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RawTcp c = client(address);
            c.handshake();
            clients.add(c);
        }
        assertThat(acceptor.connectionCount()).isEqualTo(5);

        acceptor.close();

        assertThat(core.sinks).hasSize(5).allSatisfy(s -> assertThat(s.closedCount).hasValue(1));
        for (RawTcp c : clients) {
            c.awaitClosedByServer();
        }
        assertThat(acceptor.connectionCount()).isZero();
        assertThat(runner.threads).hasSize(3); // two selectors and the accept loop
        assertThat(runner.allEnded(5000)).as("all loops ended").isTrue();
        acceptor.close(); // idempotent

        // a redeploy binds the same port again at once
        TcpAcceptor again = new TcpAcceptor(new TcpSettings("default", "127.0.0.1", address.getPort(), 128, 1, 0,
                Duration.ofSeconds(10), null), core, runner);
        try {
            again.start();
            RawTcp c = client(again.localAddress());
            c.handshake();
            assertThat(again.localAddress().getPort()).isEqualTo(address.getPort());
        } finally {
            again.close();
        }
    }

    @Test
    void clientThatNeverReadsIsDisconnectedAfterTheWriteTimeout() throws Exception {
        Duration timeout = Duration.ofMillis(300);
        RawTcp client = RawTcp.connectSlowReader(start(settings(0, timeout)));
        toClose.add(client);
        FakeSink sink = core.nextAccepted();
        CompletableFuture<Throwable> done = new CompletableFuture<>();

        long writeAt = System.nanoTime();
        sink.connection.write(PacketCodec.encode(PacketType.DATA, new byte[12 * 1024 * 1024]), done::complete);

        assertThat(sink.awaitClosed()).isTrue();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - writeAt);
        assertThat(millis).isGreaterThanOrEqualTo(timeout.toMillis()).isLessThan(3000);
        assertThat(done.get(1, TimeUnit.SECONDS)).isInstanceOf(IOException.class).hasMessageContaining("timed out");
        assertThat(sink.closedCount).hasValue(1);
        // the client sees the end of the stream after whatever was buffered
        InputStream in = client.socket().getInputStream();
        byte[] chunk = new byte[64 * 1024];
        try {
            while (in.read(chunk) >= 0) {
                // drain
            }
        } catch (java.net.SocketException reset) {
            // also closed
        }
    }

    @Test
    void lifecycleMisuseIsRejected() throws Exception {
        start();
        assertThatThrownBy(acceptor::start).isInstanceOf(IllegalStateException.class);
        acceptor.close();
        assertThatThrownBy(acceptor::start).isInstanceOf(IllegalStateException.class);

        TcpAcceptor neverStarted = new TcpAcceptor(settings(0, null), core, runner);
        neverStarted.close();
        assertThat(neverStarted.localAddress()).isNull();
    }

    @Test
    void runnerFailureFailsStartAndReleasesThePort() throws Exception {
        TcpSettings settings = settings(0, Duration.ofSeconds(1));
        int[] calls = {0};
        TcpAcceptor failing = new TcpAcceptor(settings, core, (name, loop) -> {
            if (++calls[0] == 2) {
                throw new IllegalStateException("work manager full");
            }
            runner.start(name, loop);
        });

        assertThatThrownBy(failing::start).isInstanceOf(IOException.class).hasMessageContaining("work manager full");
        assertThat(runner.allEnded(5000)).isTrue();
        failing.close();
    }

    @Test
    void loopsThatTheRunnerNeverStartsDoNotBlockClose() throws Exception {
        List<Runnable> parked = new ArrayList<>();
        TcpAcceptor lazy = new TcpAcceptor(settings(0, null), core, (name, loop) -> parked.add(loop));
        lazy.start();
        long before = System.nanoTime();

        lazy.close();

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).isLessThan(1000);
        parked.forEach(Runnable::run); // a late start returns at once
    }
}
