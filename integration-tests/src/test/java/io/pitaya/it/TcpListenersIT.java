package io.pitaya.it;

import io.pitaya.client.PitayaClient;
import io.pitaya.client.Response;
import io.pitaya.it.app.TestService;
import io.pitaya.protocol.handshake.HandshakeResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One deployment, two TCP listeners, like a Pitaya server with {@code AddAcceptor} called twice: plain TCP on the
 * primary port 3251 and TLS on 3252 ({@code pitaya.acceptor.tcp.listeners=tls}). Clients of both are served at the
 * same time.
 */
@ExtendWith(ArquillianExtension.class)
class TcpListenersIT {

    private static final URI PLAIN = URI.create("tcp://127.0.0.1:3251");
    private static final URI TLS = URI.create("tls://127.0.0.1:3252");
    private static final String PASSWORD = "changeit";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() throws Exception {
        Path keyStore = TestKeyStores.selfSigned(PASSWORD);
        String config = "pitaya.acceptor.tcp.host=127.0.0.1\n"
                + "pitaya.acceptor.tcp.port=3251\n"
                + "pitaya.acceptor.tcp.listeners=tls\n"
                + "pitaya.acceptor.tcp.listener.tls.port=3252\n"
                + "pitaya.acceptor.tcp.listener.tls.tls.keystore=" + keyStore + "\n"
                + "pitaya.acceptor.tcp.listener.tls.tls.keystorepassword=" + PASSWORD + "\n";
        return ear(config);
    }

    /** The real EAR with the test handlers and these settings (server type {@code connector}). */
    static EnterpriseArchive ear(String settings) {
        JavaArchive app = ShrinkWrap.create(JavaArchive.class, "pitaya-it-listeners.jar")
                .addPackage(TestService.class.getPackage())
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsManifestResource(new StringAsset("config_ordinal=600\npitaya.server.type=connector\n" + settings),
                        "microprofile-config.properties");
        return Deployments.demoEar().addAsLibrary(app);
    }


    @Test
    void plainAndTlsClientsAreServedAtTheSameTime() throws Exception {
        try (Clients.Recorded plain = new Clients.Recorded(PitayaClient.builder());
             Clients.Recorded tls = new Clients.Recorded(PitayaClient.builder().trustAllCertificates(true))) {
            HandshakeResponse plainHandshake = plain.client.connect(PLAIN);
            HandshakeResponse tlsHandshake = tls.client.connect(TLS);
            assertThat(plainHandshake.code()).isEqualTo(200);
            assertThat(tlsHandshake.code()).isEqualTo(200);

            // both connected; requests on both, interleaved
            for (int i = 0; i < 5; i++) {
                Response overPlain = plain.client.request("testsvc.testrequestreturnsptr", Map.of("msg", "tcp" + i))
                        .get(5, TimeUnit.SECONDS);
                Response overTls = tls.client.request("testsvc.testrequestreturnsptr", Map.of("msg", "tls" + i))
                        .get(5, TimeUnit.SECONDS);
                assertThat(overPlain.isError()).isFalse();
                assertThat(overPlain.dataAsString()).contains("hello tcp" + i);
                assertThat(overTls.isError()).isFalse();
                assertThat(overTls.dataAsString()).contains("hello tls" + i);
            }

            // a push reaches each client over its own transport
            plain.client.request("testsvc.testpushtome", Map.of("msg", "plain")).get(5, TimeUnit.SECONDS);
            tls.client.request("testsvc.testpushtome", Map.of("msg", "secure")).get(5, TimeUnit.SECONDS);
            assertThat(plain.nextPush()).isEqualTo(new Clients.Push("route.test", "{\"msg\":\"plain\"}"));
            assertThat(tls.nextPush()).isEqualTo(new Clients.Push("route.test", "{\"msg\":\"secure\"}"));
        }
    }

    @Test
    void plainTcpOnTheTlsListenerIsClosed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", 3252)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(new byte[]{1, 0, 0, 2, '{', '}'});
            int first = socket.getInputStream().read();
            assertThat(first).isIn(-1, 0x15); // EOF, or a TLS alert record before the close
        } catch (java.net.SocketException reset) {
            // a reset is a close too
        }
    }

    @Test
    void theDefaultPortIsNotOpen() {
        assertThat(portOpen(3250)).as("only the configured listeners listen").isFalse();
    }

    static boolean portOpen(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
