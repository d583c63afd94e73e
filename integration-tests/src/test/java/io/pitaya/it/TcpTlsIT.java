package io.pitaya.it;

import io.pitaya.client.PitayaClient;
import io.pitaya.client.Response;
import io.pitaya.it.app.TestService;
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

/** TLS on the TCP acceptor, configured with a key store, as libpitaya clients use it. */
@ExtendWith(ArquillianExtension.class)
class TcpTlsIT {

    private static final URI TLS = URI.create("tls://127.0.0.1:3250");
    private static final String PASSWORD = "changeit";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() throws Exception {
        Path keyStore = TestKeyStores.selfSigned(PASSWORD);
        String config = "config_ordinal=600\n"
                + "pitaya.server.type=connector\n"
                + "pitaya.acceptor.tcp.tls.keystore=" + keyStore + "\n"
                + "pitaya.acceptor.tcp.tls.keystorepassword=" + PASSWORD + "\n";
        JavaArchive app = ShrinkWrap.create(JavaArchive.class, "pitaya-it-tls.jar")
                .addPackage(TestService.class.getPackage())
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsManifestResource(new StringAsset(config), "microprofile-config.properties");
        return Deployments.demoEar().addAsLibrary(app);
    }


    @Test
    void requestPushAndKickOverTls() throws Exception {
        Clients.Recorded c = new Clients.Recorded(PitayaClient.builder().trustAllCertificates(true));
        try (c) {
            c.client.connect(TLS);
            Response r = c.client.request("testsvc.testpushtome", Map.of("msg", "secure")).get(5, TimeUnit.SECONDS);
            assertThat(r.dataAsString()).contains("pushed");
            assertThat(c.nextPush()).isEqualTo(new Clients.Push("route.test", "{\"msg\":\"secure\"}"));
            c.client.request("testsvc.testrequestkickme", Map.of());
            c.kicked.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void plainTcpOnTheTlsPortIsClosed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", 3250)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(new byte[]{1, 0, 0, 2, '{', '}'});
            int first = socket.getInputStream().read();
            assertThat(first).isIn(-1, 0x15); // EOF, or a TLS alert record before the close
        } catch (java.net.SocketException reset) {
            // a reset is a close too
        }
    }
}
