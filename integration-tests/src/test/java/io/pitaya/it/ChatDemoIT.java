package io.pitaya.it;

import io.pitaya.client.Response;
import io.pitaya.testkit.RawConnection;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo EAR exactly as shipped: Pitaya's demo chat, its handshake, its web page. */
@ExtendWith(ArquillianExtension.class)
class ChatDemoIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.demoEar();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ws://127.0.0.1:8080/", "tcp://127.0.0.1:3250"})
    void handshakeIsByteForBytePitayas(String uri) throws Exception {
        try (RawConnection ws = RawConnection.open(URI.create(uri))) {
            ws.send(new byte[]{1, 0, 0, 2, '{', '}'});
            byte[] response = ws.receive(5000);
            byte[] body = "{\"code\":200,\"sys\":{\"dict\":{},\"heartbeat\":30,\"serializer\":\"json\"}}".getBytes(StandardCharsets.US_ASCII);
            assertThat(response[0]).isEqualTo((byte) 1);
            assertThat(response.length).isEqualTo(4 + 65);
            assertThat(new String(response, 4, 65, StandardCharsets.US_ASCII)).isEqualTo(new String(body, StandardCharsets.US_ASCII));
            assertThat(response[3]).isEqualTo((byte) 65);
        }
    }

    @Test
    void aWebSocketClientAndATcpClientChat() throws Exception {
        try (Clients.Recorded alice = Clients.connect(Deployments.WS); Clients.Recorded bob = Clients.connect(Deployments.TCP)) {
            Response joined = alice.client.request("room.join", Map.of()).get(5, TimeUnit.SECONDS);
            assertThat(joined.dataAsString()).isEqualTo("{\"code\":0,\"result\":\"success\"}");
            Clients.Push members = alice.nextPush();
            assertThat(members.route()).isEqualTo("onMembers");
            assertThat(members.body()).isEqualTo("{\"members\":[]}");

            bob.client.request("room.join", Map.of()).get(5, TimeUnit.SECONDS);
            Clients.Push bobsMembers = bob.nextPush();
            assertThat(bobsMembers.route()).isEqualTo("onMembers");
            assertThat(bobsMembers.body()).startsWith("{\"members\":[\"");
            Clients.Push newUser = alice.nextPush();
            assertThat(newUser.route()).isEqualTo("onNewUser");
            assertThat(newUser.body()).matches("\\{\"content\":\"New user: \\d+\"}");

            bob.client.notify("room.message", Map.of("name", "bob", "content", "hi alice")).get(5, TimeUnit.SECONDS);
            String expected = "{\"name\":\"bob\",\"content\":\"hi alice\"}";
            assertThat(alice.nextPush()).isEqualTo(new Clients.Push("onMessage", expected));
            assertThat(bob.nextPush()).isEqualTo(new Clients.Push("onMessage", expected));
        }
    }

    /**
     * MicroProfile Config reads environment variables on both servers: the integration-tests POM starts the server
     * with {@code PITAYA_ACCEPTOR_TCP_HOST=127.0.0.1} (the demo's own files leave the default, all interfaces), so the
     * TCP listener takes connections on 127.0.0.1 and refuses them on 127.0.0.2, another loopback address.
     */
    @Test
    void anEnvironmentVariableSetsTheTcpListenersAddress() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"));
             Socket probe = new Socket(other.getInetAddress(), other.getLocalPort())) {
            assertThat(probe.isConnected()).as("127.0.0.2 is a usable loopback address here").isTrue();
        }
        try (Socket listener = new Socket("127.0.0.1", 3250)) {
            assertThat(listener.isConnected()).isTrue();
        }
        assertThatThrownBy(() -> new Socket("127.0.0.2", 3250).close())
                .as("the listener is bound to PITAYA_ACCEPTOR_TCP_HOST only").isInstanceOf(ConnectException.class);
    }

    @Test
    void theWebPageAndTheJavaScriptClientAreServed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(Deployments.HTTP + "/chat/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/pitaya.js");
        HttpResponse<String> js = http.send(HttpRequest.newBuilder(URI.create(Deployments.HTTP + "/pitaya.js")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(js.statusCode()).isEqualTo(200);
    }
}
