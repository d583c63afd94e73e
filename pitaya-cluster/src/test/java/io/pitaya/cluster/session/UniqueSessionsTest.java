package io.pitaya.cluster.session;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.pitaya.cluster.module.ClusterSettings;
import io.pitaya.cluster.protos.BindMsg;
import io.pitaya.cluster.testsupport.EtcdServer;
import io.pitaya.cluster.testsupport.NatsServer;
import io.pitaya.cluster.testsupport.TestCluster;
import io.pitaya.cluster.testsupport.TestCluster.Node;
import io.pitaya.core.testing.TestClient;
import io.pitaya.protocol.PacketType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.pitaya.cluster.session.UsersAcrossServersTest.assertPush;
import static io.pitaya.cluster.session.UsersAcrossServersTest.loggedIn;
import static io.pitaya.cluster.testsupport.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pitaya's unique session ({@code pitaya.session.unique}, default true): the last login of a uid wins across the
 * frontends of a type, over real nats-server ({@code pitaya/<type>/bindings}) and etcd.
 */
class UniqueSessionsTest {

    @RegisterExtension
    static final EtcdServer ETCD = new EtcdServer();
    @RegisterExtension
    static final NatsServer NATS = new NatsServer();

    private TestCluster cluster;

    @BeforeEach
    void start() {
        cluster = new TestCluster(ETCD, NATS);
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    private Node connector(boolean unique) {
        return cluster.node("connector", true, Map.of(ClusterSettings.UNIQUE_SESSIONS, String.valueOf(unique)),
                new UsersAcrossServersTest.Entry());
    }

    @Test
    void aLoginOnAnotherFrontendKicksTheOlderSessionAndPushesReachTheNewOne() {
        Node a = connector(true);
        Node b = connector(true);
        TestClient older = loggedIn(a, "u1");

        TestClient newer = loggedIn(b, "u1");

        assertThat(older.nextPacket().type()).isEqualTo(PacketType.KICK);
        within(Duration.ofSeconds(5), "the older connection closed", older::isClosed);
        within(Duration.ofSeconds(5), "the older frontend forgot the user", () -> a.server().sessions().byUid("u1").isEmpty());
        assertThat(newer.isClosed()).isFalse();
        Node backend = cluster.backend("room");
        assertThat(backend.server().sessions().pushToUsers("onNews", Map.of("n", 1), List.of("u1"), "connector")).isEmpty();
        assertPush(newer.nextMessage(), "onNews", "{\"n\":1}");
    }

    @Test
    void aBindMadeOnABackendKicksTheOlderLoginOnAnotherFrontend() {
        Node a = connector(true);
        Node b = connector(true);
        cluster.backend("room", new SessionsAcrossServersTest.Room());
        TestClient older = a.server().connect().ready();
        older.request(1, "room.room.login", "{\"uid\":\"u6\"}");
        assertThat(older.response(1)).isEqualTo("{\"bound\":\"u6\"}");

        TestClient newer = b.server().connect().ready();
        newer.request(1, "room.room.login", "{\"uid\":\"u6\"}");
        assertThat(newer.response(1)).isEqualTo("{\"bound\":\"u6\"}");

        assertThat(older.nextPacket().type()).isEqualTo(PacketType.KICK);
        within(Duration.ofSeconds(5), "the older connection closed", older::isClosed);
        assertThat(b.server().sessions().byUid("u6")).get().extracting(s -> s.id()).isEqualTo(newer.id());
    }

    @Test
    void aReLoginOnTheSameFrontendKicksTheOlderSession() {
        Node a = connector(true);
        TestClient older = loggedIn(a, "u2");

        TestClient newer = loggedIn(a, "u2");

        assertThat(older.nextPacket().type()).isEqualTo(PacketType.KICK);
        within(Duration.ofSeconds(5), "the older connection closed", older::isClosed);
        assertThat(a.server().sessions().byUid("u2")).get().extracting(s -> s.id()).isEqualTo(newer.id());
    }

    @Test
    void frontendsOfAnotherTypeDoNotKickEachOther() {
        Node connector = connector(true);
        Node gate = cluster.node("gate", true, Map.of(), new UsersAcrossServersTest.Entry());
        TestClient onConnector = loggedIn(connector, "u3");

        TestClient onGate = gate.server().connect().ready();
        onGate.request(1, "gate.entry.login", "{\"uid\":\"u3\"}");
        assertThat(onGate.response(1)).isEqualTo("{\"ok\":true}");

        connector.server().sessions().pushToUsers("onStill", Map.of(), List.of("u3"), "connector");
        assertPush(onConnector.nextMessage(), "onStill", "{}");
        assertThat(connector.server().sessions().byUid("u3")).isPresent();
    }

    @Test
    void withUniqueSessionsOffBothLoginsStay() {
        Node a = connector(false);
        Node b = connector(false);
        TestClient first = loggedIn(a, "u4");
        loggedIn(b, "u4");

        a.server().sessions().pushToUsers("onStill", Map.of(), List.of("u4"), "connector");

        assertPush(first.nextMessage(), "onStill", "{}");
        assertThat(a.server().sessions().byUid("u4")).isPresent();
    }

    @Test
    void aBindMsgFromAnotherServerOnTheWireKicksAndOurOwnDoesNot() throws Exception {
        Node a = connector(true);
        TestClient client = loggedIn(a, "u5");
        List<String> closed = new CopyOnWriteArrayList<>();
        a.server().sessions().onClose(s -> closed.add(s.uid()));

        try (Connection goFrontend = Nats.connect(NATS.url())) {
            goFrontend.publish("pitaya/connector/bindings", BindMsg.newBuilder().setUid("u5").setFid(a.id()).build()
                    .toByteArray());
            goFrontend.publish("pitaya/gate/bindings", BindMsg.newBuilder().setUid("u5").setFid("go-gate-1").build()
                    .toByteArray());
            goFrontend.flush(Duration.ofSeconds(2));
            a.server().sessions().pushToUsers("onStill", Map.of(), List.of("u5"), "connector");
            assertPush(client.nextMessage(), "onStill", "{}");

            goFrontend.publish("pitaya/connector/bindings", BindMsg.newBuilder().setUid("u5").setFid("go-connector-1")
                    .build().toByteArray());
            goFrontend.flush(Duration.ofSeconds(2));
        }

        assertThat(client.nextPacket().type()).isEqualTo(PacketType.KICK);
        within(Duration.ofSeconds(5), "the session closed", () -> closed.contains("u5"));
    }
}
