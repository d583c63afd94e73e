package io.pitaya.it;

import io.pitaya.client.PitayaClient;
import io.pitaya.client.Response;
import io.pitaya.protocol.handshake.HandshakeResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The libpitaya JSON test server written with this project's API (examples/libpitaya-servers): what libpitaya's
 * own test suite asks of it, byte for byte, over TCP and WebSocket. (libpitaya itself is run against the example
 * by hand: docs/interop.md.)
 */
@ExtendWith(ArquillianExtension.class)
class LibpitayaJsonServerIT {

    private static final List<URI> ENDPOINTS = List.of(Deployments.TCP, Deployments.WS);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return LibpitayaServerDeployments.json();
    }

    /** Connects as libpitaya does: its four sys fields and the application's user data. */
    private static ByteClient libpitayaClient(URI uri, Map<String, ?> user) {
        return ByteClient.connect(uri, PitayaClient.builder()
                .platform("mac").libVersion("4.6.2").clientBuildNumber("20").clientVersion("2.1")
                .handshakeUser(user));
    }

    private static String text(Response response) {
        return new String(response.data(), StandardCharsets.UTF_8);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theHandshakeAnnouncesJsonAndTheServersDictionary() {
        for (URI uri : ENDPOINTS) {
            try (ByteClient c = libpitayaClient(uri, Map.of())) {
                HandshakeResponse handshake = c.client.handshake();
                assertThat(handshake.serializer()).isEqualTo("json");
                assertThat(handshake.dictionary().asMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "connector.getsessiondata", 1, "connector.setsessiondata", 2,
                        "room.room.getsessiondata", 3, "onMessage", 4, "onMembers", 5, "connector.geterror", 6));
            }
        }
    }

    @Test
    void getHandshakeDataEchoesTheClientsHandshakeAsGoPrintsIt() throws Exception {
        for (URI uri : ENDPOINTS) {
            try (ByteClient c = libpitayaClient(uri, Map.of("age", 30))) {
                Response r = c.request("connector.gethandshakedata", json("{\"name\": \"test\"}"));
                assertThat(r.isError()).isFalse();
                assertThat(text(r)).isEqualTo("{\"sys\":{\"platform\":\"mac\",\"libVersion\":\"4.6.2\","
                        + "\"clientBuildNumber\":\"20\",\"clientVersion\":\"2.1\"},\"user\":{\"age\":30}}");
            }
        }
    }

    @Test
    void sessionDataPersistsBetweenRequests() throws Exception {
        for (URI uri : ENDPOINTS) {
            try (ByteClient c = libpitayaClient(uri, Map.of())) {
                Response set = c.request("connector.setsessiondata", json("{\"Data\":{\"animal\":2}}"));
                assertThat(text(set)).isEqualTo("{\"Code\":200,\"Msg\":\"success\"}");
                Response get = c.request("connector.getsessiondata", json("{}"));
                assertThat(text(get)).isEqualTo("{\"Data\":{\"animal\":2}}");
            }
        }
    }

    @Test
    void sendPushAnswersAndPushes() throws Exception {
        for (URI uri : ENDPOINTS) {
            try (ByteClient c = libpitayaClient(uri, Map.of())) {
                Response r = c.request("connector.sendpush", json("{}"));
                assertThat(text(r)).isEqualTo("{\"Code\":200,\"Msg\":\"Ok\"}");
                ByteClient.Push push = c.nextPush();
                assertThat(push.route()).isEqualTo("some.push.route");
                assertThat(new String(push.data(), StandardCharsets.UTF_8)).isEqualTo("{\"key1\":10,\"key2\":true}");
            }
        }
    }

    @Test
    void errorsReachTheClientAsPitayaErrors() throws Exception {
        for (URI uri : ENDPOINTS) {
            try (ByteClient c = libpitayaClient(uri, Map.of())) {
                Response custom = c.request("connector.geterror", json("{}"));
                assertThat(custom.isError()).isTrue();
                assertThat(text(custom)).isEqualTo("{\"code\":\"PIT-000\",\"msg\":\"GetError is returning a custom error\"}");
                Response unknown = c.request("invalid.route", json("{\"name\": \"test\"}"));
                assertThat(unknown.isError()).isTrue();
                assertThat(text(unknown)).isEqualTo(
                        "{\"code\":\"PIT-404\",\"msg\":\"pitaya/handler: connector.invalid.route not found\"}");
            }
        }
    }
}
