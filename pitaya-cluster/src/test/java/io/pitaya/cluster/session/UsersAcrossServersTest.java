package io.pitaya.cluster.session;

import io.pitaya.api.Handler;
import io.pitaya.api.Session;
import io.pitaya.api.Sessions;
import io.pitaya.cluster.testsupport.EtcdServer;
import io.pitaya.cluster.testsupport.NatsServer;
import io.pitaya.cluster.testsupport.TestCluster;
import io.pitaya.cluster.testsupport.TestCluster.Node;
import io.pitaya.core.testing.TestClient;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.pitaya.cluster.testsupport.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Sessions#pushToUsers(String, Object, java.util.Collection, String)} and
 * {@link Sessions#kickUsers(java.util.Collection, String)} reach users connected to another frontend, from a frontend
 * and from a backend, over real nats-server (and etcd for discovery).
 */
class UsersAcrossServersTest {

    @RegisterExtension
    static final EtcdServer ETCD = new EtcdServer();
    @RegisterExtension
    static final NatsServer NATS = new NatsServer();

    @Handler("entry")
    public static class Entry {
        public Map<String, Object> login(Session session, Map<String, Object> in) {
            session.bind((String) in.get("uid"));
            return Map.of("ok", true);
        }
    }

    private TestCluster cluster;
    private Node frontendA;
    private Node frontendB;
    private Node backend;

    @BeforeEach
    void start() {
        cluster = new TestCluster(ETCD, NATS);
        frontendA = cluster.frontend("connector", new Entry());
        frontendB = cluster.frontend("connector", new Entry());
        backend = cluster.backend("room");
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    void aFrontendPushesToAUserOnAnotherFrontendAndToItsOwn() {
        TestClient onB = loggedIn(frontendB, "u1");
        TestClient onA = loggedIn(frontendA, "u2");

        List<String> failed = frontendA.server().sessions().pushToUsers("onNews", Map.of("n", 1), List.of("u1", "u2"),
                "connector");

        assertThat(failed).isEmpty();
        assertPush(onB.nextMessage(), "onNews", "{\"n\":1}");
        assertPush(onA.nextMessage(), "onNews", "{\"n\":1}");
    }

    @Test
    void aBackendPushesToUsersOnTheFrontendTypeAndRawBytesGoAsTheyAre() {
        TestClient onB = loggedIn(frontendB, "u3");
        TestClient onA = loggedIn(frontendA, "u4");

        assertThat(backend.server().sessions().pushToUsers("onBin", new byte[]{7, 8}, List.of("u3", "u4", "nobody"),
                "connector")).as("a user connected nowhere is no failure, as in Pitaya").isEmpty();

        assertThat(onB.nextMessage().data()).containsExactly(7, 8);
        assertThat(onA.nextMessage().data()).containsExactly(7, 8);
    }

    @Test
    void aPushForAnotherFrontendTypeDoesNotReachThisType() {
        TestClient onB = loggedIn(frontendB, "u5");

        backend.server().sessions().pushToUsers("onGate", Map.of("x", 1), List.of("u5"), "gate");
        backend.server().sessions().pushToUsers("onConnector", Map.of("x", 2), List.of("u5"), "connector");

        assertPush(onB.nextMessage(), "onConnector", "{\"x\":2}");
    }

    @Test
    void aFrontendKicksAUserOnAnotherFrontend() {
        TestClient onB = loggedIn(frontendB, "u6");

        assertThat(frontendA.server().sessions().kickUsers(List.of("u6"), "connector")).isEmpty();

        assertThat(onB.nextPacket().type()).isEqualTo(PacketType.KICK);
        within(Duration.ofSeconds(5), "the kicked connection closed", onB::isClosed);
        within(Duration.ofSeconds(5), "the frontend forgot the user", () -> frontendB.server().sessions().byUid("u6").isEmpty());
    }

    @Test
    void aBackendKicksAUserOfTheFrontendType() {
        TestClient onA = loggedIn(frontendA, "u7");

        assertThat(backend.server().sessions().kickUsers(List.of("u7"), "connector")).isEmpty();

        assertThat(onA.nextPacket().type()).isEqualTo(PacketType.KICK);
        within(Duration.ofSeconds(5), "the kicked connection closed", onA::isClosed);
    }

    @Test
    void onceTheModuleStoppedOnlyThisServersSessionsAreReached() throws Exception {
        cluster.close(); // modules stopped: the server is standalone again
        assertThat(backend.server().sessions().pushToUsers("r", Map.of(), List.of("u8"), "connector"))
                .containsExactly("u8");
    }

    static TestClient loggedIn(Node node, String uid) {
        TestClient client = node.server().connect().ready();
        client.request(1, "connector.entry.login", "{\"uid\":\"" + uid + "\"}");
        assertThat(client.response(1)).isEqualTo("{\"ok\":true}");
        return client;
    }

    static void assertPush(Message message, String route, String json) {
        assertThat(message.type()).isEqualTo(MessageType.PUSH);
        assertThat(message.route()).isEqualTo(route);
        assertThat(new String(message.data(), StandardCharsets.UTF_8)).isEqualTo(json);
    }
}
