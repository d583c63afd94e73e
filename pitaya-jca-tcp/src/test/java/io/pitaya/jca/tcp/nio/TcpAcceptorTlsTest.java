package io.pitaya.jca.tcp.nio;

import io.pitaya.client.PitayaClient;
import io.pitaya.client.Response;
import io.pitaya.protocol.Packet;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.handshake.HandshakeResponse;
import io.pitaya.spi.TcpSettings;
import io.pitaya.testkit.RawTcp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TcpAcceptorTlsTest extends AcceptorTestSupport {

    @TempDir
    static Path certDir;
    static TestCerts rsa;
    static TestCerts ec;
    static TestCerts jks;


    @BeforeAll
    static void generateCertificates() throws Exception {
        rsa = TestCerts.generate(certDir, "RSA", "PKCS12");
        ec = TestCerts.generate(certDir, "EC", "PKCS12");
        jks = TestCerts.generate(certDir, "RSA", "JKS");
    }

    static TcpSettings.Tls keyStore(TestCerts certs, String password, String type) {
        return new TcpSettings.Tls(certs.keyStore.toString(), password, type, null, null);
    }

    static TcpSettings.Tls pem(Path certificate, Path key) {
        return new TcpSettings.Tls(null, null, null, certificate.toString(), key.toString());
    }

    private InetSocketAddress start(TcpSettings.Tls tls) throws IOException {
        acceptor = new TcpAcceptor(new TcpSettings("default", "127.0.0.1", 0, 128, 2, 0, Duration.ofSeconds(10), tls), core,
                runner);
        acceptor.start();
        return acceptor.localAddress();
    }

    private RawTcp tlsClient(TestCerts certs, InetSocketAddress address) throws Exception {
        SSLSocket socket = (SSLSocket) certs.clientContext().getSocketFactory()
                .createSocket(address.getAddress(), address.getPort());
        RawTcp client = new RawTcp(socket);
        toClose.add(client);
        return client;
    }

    private void assertRoundTrip(TestCerts certs, InetSocketAddress address) throws Exception {
        RawTcp client = tlsClient(certs, address);
        client.handshake();
        client.send(PacketType.DATA, "over tls".getBytes(StandardCharsets.UTF_8));
        assertThat(client.readPacket()).isEqualTo(Packet.of(PacketType.DATA, "over tls".getBytes()));
        FakeSink sink = core.sinkFor(client);
        assertThat(sink.connection.transport()).isEqualTo("tls");
        assertThat(sink.packets).extracting(Packet::type).containsExactly(PacketType.HANDSHAKE, PacketType.DATA);
    }

    @Test
    void roundTripWithAPkcs12KeyStore() throws Exception {
        assertRoundTrip(rsa, start(keyStore(rsa, TestCerts.PASSWORD, null)));
    }

    @Test
    void roundTripWithAJksKeyStore() throws Exception {
        assertRoundTrip(jks, start(keyStore(jks, TestCerts.PASSWORD, "JKS")));
    }

    @Test
    void roundTripWithRsaPemFiles() throws Exception {
        assertRoundTrip(rsa, start(pem(rsa.certificatePem, rsa.privateKeyPem)));
    }

    @Test
    void roundTripWithEcPemFiles() throws Exception {
        assertRoundTrip(ec, start(pem(ec.certificatePem, ec.privateKeyPem)));
    }

    @Test
    void roundTripWithAnRsaPkcs1PemKey() throws Exception {
        PrivateKey key = PemFiles.readPrivateKey(rsa.privateKeyPem);
        Path pkcs1 = Files.writeString(certDir.resolve("rsa-pkcs1-key.pem"),
                TestCerts.pem("RSA PRIVATE KEY", PemFilesTest.pkcs1(key)));
        assertRoundTrip(rsa, start(pem(rsa.certificatePem, pkcs1)));
    }

    @Test
    void roundTripWithAnEcSec1PemKey() throws Exception {
        KeyPair pair = new KeyPair(ec.certificate.getPublicKey(), PemFiles.readPrivateKey(ec.privateKeyPem));
        Path sec1 = Files.writeString(certDir.resolve("ec-sec1-key.pem"),
                TestCerts.pem("EC PRIVATE KEY", PemFilesTest.sec1(pair, true)));
        assertRoundTrip(ec, start(pem(ec.certificatePem, sec1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void bothProtocolVersionsWork(String protocol) throws Exception {
        InetSocketAddress address = start(keyStore(rsa, TestCerts.PASSWORD, "PKCS12"));
        RawTcp client = tlsClient(rsa, address);
        ((SSLSocket) client.socket()).setEnabledProtocols(new String[]{protocol});
        client.handshake();
        assertThat(((SSLSocket) client.socket()).getSession().getProtocol()).isEqualTo(protocol);
    }

    @Test
    void oneMegabytePacketIsEchoedOverTls() throws Exception {
        RawTcp client = tlsClient(rsa, start(keyStore(rsa, TestCerts.PASSWORD, null)));
        client.handshake();
        byte[] body = new byte[1024 * 1024];
        new Random(7).nextBytes(body);

        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
            try {
                client.send(PacketType.DATA, body);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Packet echo = client.readPacket();

        sent.get(5, TimeUnit.SECONDS);
        assertThat(Arrays.equals(echo.body(), body)).as("echoed body equals the sent body").isTrue();
    }

    @Test
    void manySmallPacketsInOneTlsWrite() throws Exception {
        RawTcp client = tlsClient(rsa, start(keyStore(rsa, TestCerts.PASSWORD, null)));
        client.handshake();
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 100; i++) {
            all.write(PacketCodec.encode(PacketType.DATA, ("packet " + i).getBytes()));
        }

        client.send(all.toByteArray());

        for (int i = 0; i < 100; i++) {
            assertThat(new String(client.readPacket().body())).isEqualTo("packet " + i);
        }
    }

    @Test
    void packetWrittenBeforeTheTlsHandshakeGoesOutAfterIt() throws Exception {
        core.greeting = PacketCodec.encode(Packet.HEARTBEAT);
        RawTcp client = tlsClient(rsa, start(keyStore(rsa, TestCerts.PASSWORD, null)));

        Packet first = client.readPacket(); // starts the TLS handshake, then reads

        assertThat(first).isEqualTo(Packet.HEARTBEAT);
        client.handshake();
        assertThat(core.sinkFor(client).out.failure).hasValue(null);
    }

    @Test
    void tlsWriteTheSocketCannotTakeCompletesOnceTheClientReads() throws Exception {
        InetSocketAddress address = start(keyStore(rsa, TestCerts.PASSWORD, null));
        RawTcp client = slowTlsClient(address);
        client.handshake();
        FakeSink sink = core.sinkFor(client);
        byte[] body = new byte[12 * 1024 * 1024];
        new Random(3).nextBytes(body);
        CompletableFuture<Throwable> done = new CompletableFuture<>();

        sink.connection.write(PacketCodec.encode(PacketType.DATA, body), done::complete);

        assertThat(done).as("write in flight: the client has not read").isNotDone();
        Packet received = client.readPacket();
        assertThat(done.get(5, TimeUnit.SECONDS)).isNull();
        assertThat(Arrays.equals(received.body(), body)).isTrue();
    }

    @Test
    void tlsClientThatNeverReadsIsDisconnectedAfterTheWriteTimeout() throws Exception {
        acceptor = new TcpAcceptor(new TcpSettings("default", "127.0.0.1", 0, 128, 1, 0, Duration.ofMillis(300),
                keyStore(rsa, TestCerts.PASSWORD, null)), core, runner);
        acceptor.start();
        RawTcp client = slowTlsClient(acceptor.localAddress());
        client.handshake();
        FakeSink sink = core.sinkFor(client);
        CompletableFuture<Throwable> done = new CompletableFuture<>();

        sink.connection.write(PacketCodec.encode(PacketType.DATA, new byte[12 * 1024 * 1024]), done::complete);

        assertThat(sink.awaitClosed()).isTrue();
        assertThat(done.get(1, TimeUnit.SECONDS)).hasMessageContaining("timed out");
        assertThat(sink.closedCount).hasValue(1);
    }

    private RawTcp slowTlsClient(InetSocketAddress address) throws Exception {
        java.net.Socket plain = new java.net.Socket();
        plain.setReceiveBufferSize(4096);
        plain.connect(address);
        SSLSocket socket = (SSLSocket) rsa.clientContext().getSocketFactory()
                .createSocket(plain, "localhost", address.getPort(), true);
        RawTcp client = new RawTcp(socket);
        toClose.add(client);
        return client;
    }

    @Test
    void pitayaClientConnectsOverTls() throws Exception {
        core.pitayaMessages = true;
        InetSocketAddress address = start(keyStore(rsa, TestCerts.PASSWORD, null));
        try (PitayaClient client = PitayaClient.builder().trustAllCertificates(true)
                .requestTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(5)).build()) {

            HandshakeResponse handshake = client.connect("tls://127.0.0.1:" + address.getPort());
            Response response = client.request("echo.echo", "ping".getBytes(StandardCharsets.UTF_8))
                    .get(5, TimeUnit.SECONDS);

            assertThat(handshake.code()).isEqualTo(200);
            assertThat(handshake.heartbeatSeconds()).isEqualTo(30);
            assertThat(response.isError()).isFalse();
            assertThat(response.dataAsString()).isEqualTo("ping");
        }
        FakeSink sink = core.nextAccepted();
        assertThat(sink.awaitClosed()).isTrue();
        assertThat(sink.closedCount).hasValue(1);
    }

    @Test
    void plainClientOnTheTlsPortIsClosed() throws Exception {
        InetSocketAddress address = start(keyStore(rsa, TestCerts.PASSWORD, null));
        RawTcp plain = RawTcp.connect(address);
        toClose.add(plain);

        plain.send(PacketType.HANDSHAKE, "{\"sys\":{}}".getBytes());

        plain.awaitClosedByServerSkippingBytes(); // after a TLS alert
        FakeSink sink = core.nextAccepted();
        assertThat(sink.awaitClosed()).isTrue();
        assertThat(sink.packets).isEmpty();
    }

    @Test
    void tlsClientCloseNotifiesTheSinkOnce() throws Exception {
        RawTcp client = tlsClient(rsa, start(keyStore(rsa, TestCerts.PASSWORD, null)));
        client.handshake();
        FakeSink sink = core.sinkFor(client);

        client.close(); // sends close_notify

        assertThat(sink.awaitClosed()).isTrue();
        acceptor.close();
        assertThat(sink.closedCount).hasValue(1);
    }

    @Test
    void closingTheAcceptorClosesTlsConnections() throws Exception {
        InetSocketAddress address = start(keyStore(rsa, TestCerts.PASSWORD, null));
        RawTcp a = tlsClient(rsa, address);
        RawTcp b = tlsClient(rsa, address);
        a.handshake();
        b.handshake();

        acceptor.close();

        a.awaitClosedByServer();
        b.awaitClosedByServer();
        assertThat(core.sinks).hasSize(2).allSatisfy(s -> assertThat(s.closedCount).hasValue(1));
    }

    @Test
    void missingKeyStoreFailsAtStart() {
        TcpSettings.Tls tls = new TcpSettings.Tls(certDir.resolve("nope.p12").toString(), "x", null, null, null);
        assertStartFails(tls, "nope.p12", "does not exist");
    }

    @Test
    void wrongKeyStorePasswordFailsAtStart() {
        assertStartFails(keyStore(rsa, "wrong", null), "wrong password", rsa.keyStore.toString());
        assertStartFails(keyStore(jks, "wrong", "JKS"), "wrong password", jks.keyStore.toString());
    }

    @Test
    void wrongKeyStoreTypeFailsAtStart() {
        assertStartFails(keyStore(rsa, TestCerts.PASSWORD, "NOPE"), "unknown key store type");
    }

    @Test
    void incompleteOrAmbiguousTlsSettingsFailAtStart() {
        assertStartFails(new TcpSettings.Tls(null, null, null, rsa.certificatePem.toString(), null), "required");
        assertStartFails(new TcpSettings.Tls(rsa.keyStore.toString(), TestCerts.PASSWORD, null,
                rsa.certificatePem.toString(), rsa.privateKeyPem.toString()), "not both");
    }

    @Test
    void badPemFilesFailAtStart() throws Exception {
        assertStartFails(pem(certDir.resolve("missing.pem"), rsa.privateKeyPem), "missing.pem", "does not exist");
        assertStartFails(pem(rsa.certificatePem, ec.privateKeyPem), "does not match");
        Path pkcs1 = Files.writeString(certDir.resolve("pkcs1.pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertStartFails(pem(rsa.certificatePem, pkcs1), "pkcs1.pem", "not a valid PKCS#1 RSA key");
        Path encrypted = Files.writeString(certDir.resolve("encrypted.pem"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertStartFails(pem(rsa.certificatePem, encrypted), "encrypted", "openssl pkey");
        Path encryptedPkcs1 = Files.writeString(certDir.resolve("encrypted-pkcs1.pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00\n\nAAAA\n"
                        + "-----END RSA PRIVATE KEY-----\n");
        assertStartFails(pem(rsa.certificatePem, encryptedPkcs1), "encrypted", "Proc-Type");
        assertStartFails(pem(rsa.privateKeyPem, rsa.privateKeyPem), "not PEM X.509");
    }

    private void assertStartFails(TcpSettings.Tls tls, String... messageParts) {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        TcpAcceptor bad = new TcpAcceptor(new TcpSettings("default", "127.0.0.1", port, 128, 1, 0, null, tls), core, runner);
        assertThatThrownBy(bad::start).isInstanceOf(IOException.class).hasMessageContainingAll(messageParts);
        bad.close();
        assertThat(runner.threads).isEmpty();
        try (ServerSocket again = new ServerSocket(port)) {
            assertThat(again.getLocalPort()).as("port left free").isEqualTo(port);
        } catch (IOException e) {
            throw new AssertionError("port " + port + " still bound after a failed start", e);
        }
    }
}
