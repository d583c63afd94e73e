package io.pitaya.client;

import io.pitaya.protocol.handshake.HandshakeResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.pitaya.client.Wire.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code tls://} against a fake server with a self-signed certificate (CN=localhost, SAN 127.0.0.1). */
@Timeout(30)
class TlsClientTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static KeyStore keyStore;
    private static SSLContext serverContext;

    private ScriptedServer server;
    private PitayaClient client;

    @BeforeAll
    static void loadKeyStore() throws Exception {
        keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = TlsClientTest.class.getResourceAsStream("/test-keystore.p12")) {
            keyStore.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD);
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
    }

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void roundTrip(PitayaClient.Builder builder) throws Exception {
        server = ScriptedServer.start(serverContext.getServerSocketFactory(), "tls");
        client = builder.build();
        CompletableFuture<HandshakeResponse> f = client.connectAsync(server.uri());
        server.handshakeAndAck(ScriptedServer.DEFAULT_HANDSHAKE);
        f.get(5, TimeUnit.SECONDS);

        CompletableFuture<Response> r = client.request("secure.echo.call", utf8("{}"));
        Wire.ClientMessage m = server.readMessage();
        assertThat(m.route()).isEqualTo("secure.echo.call");
        server.sendPacket(Wire.DATA, Wire.response(m.id(), utf8("over tls"), 0));
        assertThat(r.get(5, TimeUnit.SECONDS).dataAsString()).isEqualTo("over tls");
    }

    @Test
    void trustAllAcceptsSelfSignedCertificate() throws Exception {
        roundTrip(PitayaClient.builder().trustAllCertificates(true));
    }

    @Test
    void customSslContextWithHostnameVerification() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keyStore);
        SSLContext trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);
        roundTrip(PitayaClient.builder().sslContext(trusting));
    }

    @Test
    void untrustedCertificateFailsToConnect() throws Exception {
        server = ScriptedServer.start(serverContext.getServerSocketFactory(), "tls");
        client = PitayaClient.builder().build();
        CompletableFuture<HandshakeResponse> f = client.connectAsync(server.uri());
        server.accept();
        assertThatThrownBy(server::readPacket).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(PitayaClientException.class)
                .extracting(e -> ((PitayaClientException) e).code()).isEqualTo(PitayaClientException.CONNECT_FAILED);
    }
}
