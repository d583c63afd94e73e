package io.pitaya.jca.tcp.nio;

import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketType;
import io.pitaya.spi.TcpSettings;
import io.pitaya.testkit.RawTcp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.pitaya.jca.tcp.nio.TcpAcceptorTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Several listeners in one acceptor (plain TCP and TLS side by side) on one shared set of selector loops. */
class TcpAcceptorListenersTest extends AcceptorTestSupport {

    private static final int SELECTORS = 2;

    @TempDir
    static Path certDir;
    static TestCerts certs;


    @BeforeAll
    static void generateCertificates() throws Exception {
        certs = TestCerts.generate(certDir, "RSA", "PKCS12");
    }

    private static TcpSettings plain(String name, int port, int maxConnections) {
        return new TcpSettings(name, "127.0.0.1", port, 128, SELECTORS, maxConnections, Duration.ofSeconds(10), null);
    }

    private static TcpSettings tls(String name, int port, int maxConnections) {
        return new TcpSettings(name, "127.0.0.1", port, 128, SELECTORS, maxConnections, Duration.ofSeconds(10),
                TcpAcceptorTlsTest.keyStore(certs, TestCerts.PASSWORD, null));
    }

    private void start(TcpSettings... listeners) throws IOException {
        acceptor = new TcpAcceptor(List.of(listeners), core, runner);
        acceptor.start();
    }

    private InetSocketAddress address(String listener) {
        return acceptor.localAddresses().get(listener);
    }

    private RawTcp plainClient(InetSocketAddress address) throws IOException {
        RawTcp client = RawTcp.connect(address);
        synchronized (toClose) {
            toClose.add(client);
        }
        return client;
    }

    private RawTcp tlsClient(InetSocketAddress address) throws Exception {
        SSLSocket socket = (SSLSocket) certs.clientContext().getSocketFactory()
                .createSocket(address.getAddress(), address.getPort());
        RawTcp client = new RawTcp(socket);
        synchronized (toClose) {
            toClose.add(client);
        }
        return client;
    }

    private static void roundTrip(RawTcp client, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        client.send(PacketType.DATA, body);
        assertThat(client.readPacket()).isEqualTo(Packet.of(PacketType.DATA, body));
    }

    @Test
    void plainAndTlsListenersServeConnectionsAtTheSameTime() throws Exception {
        start(plain("tcp", 0, 0), tls("tls", 0, 0));
        assertThat(acceptor.localAddresses()).containsOnlyKeys("tcp", "tls");
        assertThat(address("tcp").getPort()).isNotEqualTo(address("tls").getPort());
        assertThat(acceptor.localAddress()).isEqualTo(address("tcp"));
        assertThat(runner.threads).as("shared selector loops plus one accept loop per listener")
                .hasSize(SELECTORS + 2);

        int perListener = 8;
        CountDownLatch allConnected = new CountDownLatch(2 * perListener);
        ExecutorService pool = Executors.newFixedThreadPool(2 * perListener);
        try {
            List<Future<RawTcp>> clients = new ArrayList<>();
            for (int i = 0; i < perListener; i++) {
                int n = i;
                clients.add(pool.submit(session(allConnected, () -> plainClient(address("tcp")), "plain " + n)));
                clients.add(pool.submit(session(allConnected, () -> tlsClient(address("tls")), "tls " + n)));
            }
            List<RawTcp> connected = new ArrayList<>();
            for (Future<RawTcp> f : clients) {
                connected.add(f.get(20, TimeUnit.SECONDS));
            }

            assertThat(acceptor.connectionCount("tcp")).isEqualTo(perListener);
            assertThat(acceptor.connectionCount("tls")).isEqualTo(perListener);
            assertThat(acceptor.connectionCount()).isEqualTo(2 * perListener);
            for (RawTcp c : connected) {
                String expected = c.socket() instanceof SSLSocket ? "tls" : "tcp";
                assertThat(core.sinkFor(c).connection.transport()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Connects, waits until every client is connected (so both listeners hold connections at once), then talks. */
    private static Callable<RawTcp> session(CountDownLatch allConnected, Callable<RawTcp> connect, String text) {
        return () -> {
            RawTcp client = connect.call();
            client.handshake();
            allConnected.countDown();
            assertThat(allConnected.await(15, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 20; i++) {
                roundTrip(client, text + " #" + i);
            }
            return client;
        };
    }

    @Test
    void plainClientOnTheTlsListenerIsClosedWhileThePlainListenerWorks() throws Exception {
        start(plain("tcp", 0, 0), tls("tls", 0, 0));
        RawTcp wrong = plainClient(address("tls"));
        wrong.send(PacketType.HANDSHAKE, "{\"sys\":{}}".getBytes());
        wrong.awaitClosedByServerSkippingBytes();

        RawTcp right = plainClient(address("tcp"));
        right.handshake();
        roundTrip(right, "still fine");
    }

    @Test
    void maxConnectionsCountsPerListener() throws Exception {
        start(plain("tcp", 0, 1), tls("tls", 0, 0));
        plainClient(address("tcp")).handshake();

        RawTcp second = plainClient(address("tcp"));
        second.awaitClosedByServer();
        RawTcp a = tlsClient(address("tls"));
        RawTcp b = tlsClient(address("tls"));
        a.handshake();
        b.handshake();

        assertThat(acceptor.connectionCount("tcp")).isEqualTo(1);
        assertThat(acceptor.connectionCount("tls")).isEqualTo(2);
    }

    @Test
    void closeClosesTheConnectionsOfEveryListenerAndReleasesEveryPort() throws Exception {
        start(plain("tcp", 0, 0), tls("tls", 0, 0));
        RawTcp p = plainClient(address("tcp"));
        RawTcp t = tlsClient(address("tls"));
        p.handshake();
        t.handshake();
        int plainPort = address("tcp").getPort();
        int tlsPort = address("tls").getPort();

        acceptor.close();

        p.awaitClosedByServer();
        t.awaitClosedByServer();
        assertThat(core.sinks).hasSize(2).allSatisfy(s -> assertThat(s.closedCount).hasValue(1));
        await(() -> acceptor.connectionCount() == 0, "all connections released");
        assertThat(runner.allEnded(5000)).as("all loops ended").isTrue();
        assertPortFree(plainPort);
        assertPortFree(tlsPort);
    }

    @Test
    void aListenerThatCannotBindReleasesTheOthersAndNamesItself() throws Exception {
        int first = freePort();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int busy = taken.getLocalPort();
            acceptor = new TcpAcceptor(List.of(plain("tcp", first, 0), tls("tls", busy, 0)), core, runner);

            assertThatThrownBy(acceptor::start).isInstanceOf(IOException.class)
                    .hasMessageContainingAll("TCP listener 'tls'", "127.0.0.1:" + busy, "cannot listen");
        }
        assertThat(runner.threads).as("no loop started").isEmpty();
        assertPortFree(first);
    }

    @Test
    void badTlsOnOneListenerFailsBeforeAnyPortIsBound() throws Exception {
        int first = freePort();
        TcpSettings broken = new TcpSettings("secure", "127.0.0.1", 0, 128, SELECTORS, 0, Duration.ofSeconds(10),
                new TcpSettings.Tls(certDir.resolve("missing.p12").toString(), "x", null, null, null));
        acceptor = new TcpAcceptor(List.of(plain("tcp", first, 0), broken), core, runner);

        assertThatThrownBy(acceptor::start).isInstanceOf(IOException.class)
                .hasMessageContainingAll("TCP listener 'secure'", "missing.p12", "does not exist");
        assertThat(runner.threads).isEmpty();
        assertPortFree(first);
    }

    @Test
    void listenersMustHaveDistinctNamesAndAgreeOnSharedSettings() {
        assertThatThrownBy(() -> new TcpAcceptor(List.of(plain("a", 0, 0), plain("a", 0, 0)), core, runner))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a'");
        TcpSettings otherSelectors = new TcpSettings("b", "127.0.0.1", 0, 128, SELECTORS + 1, 0,
                Duration.ofSeconds(10), null);
        assertThatThrownBy(() -> new TcpAcceptor(List.of(plain("a", 0, 0), otherSelectors), core, runner))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share");
        assertThatThrownBy(() -> new TcpAcceptor(List.of(), core, runner))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void assertPortFree(int port) {
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new AssertionError("port " + port + " still bound", e);
        }
    }
}
