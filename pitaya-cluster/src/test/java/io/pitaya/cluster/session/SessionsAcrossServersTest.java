package io.pitaya.cluster.session;

import io.pitaya.api.Handler;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Session;
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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.pitaya.cluster.session.UsersAcrossServersTest.assertPush;
import static io.pitaya.cluster.session.UsersAcrossServersTest.loggedIn;
import static io.pitaya.cluster.testsupport.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backend's session is the frontend's session: a bind, data pushed to the front and a kick made on the backend take
 * effect on the frontend that holds the player (Pitaya's {@code sys.bindsession}, {@code sys.pushsession},
 * {@code sys.kick}), over real nats-server and etcd.
 */
class SessionsAcrossServersTest {

    @RegisterExtension
    static final EtcdServer ETCD = new EtcdServer();
    @RegisterExtension
    static final NatsServer NATS = new NatsServer();

    @Handler("room")
    public static class Room {
        final CountDownLatch slowStarted = new CountDownLatch(1);
        final CountDownLatch slowRelease = new CountDownLatch(1);

        public Map<String, Object> login(Session session, Map<String, Object> in) {
            session.bind((String) in.get("uid"));
            return Map.of("bound", session.uid());
        }

        public Map<String, Object> whoami(Session session, Map<String, Object> in) {
            return Map.of("uid", String.valueOf(session.uid()), "level", session.getInt("level"));
        }

        public Map<String, Object> levelUp(Session session, Map<String, Object> in) {
            session.set("level", session.getInt("level") + 1);
            session.set("room", "r1");
            session.pushToFront();
            return Map.of("level", session.getInt("level"));
        }

        public Map<String, Object> shout(Session session, Map<String, Object> in) {
            session.push("onShout", Map.of("text", in.get("text")));
            return Map.of("ok", true);
        }

        public Map<String, Object> leave(Session session, Map<String, Object> in) {
            session.kick();
            return Map.of("ok", true);
        }

        public Map<String, Object> slowLogin(Session session, Map<String, Object> in) throws InterruptedException {
            slowStarted.countDown();
            slowRelease.await(10, TimeUnit.SECONDS);
            session.bind((String) in.get("uid"));
            session.push("onWelcome", Map.of("uid", session.uid()));
            return Map.of("bound", session.uid());
        }
    }

    @Handler("entry")
    public static class Entry {
        public Map<String, Object> login(Session session, Map<String, Object> in) {
            session.bind((String) in.get("uid"));
            return Map.of("ok", true);
        }
    }

    private TestCluster cluster;
    private Node frontend;
    private Node backend;
    private final Room room = new Room();
    private final List<String> frontendBinds = new ArrayList<>();

    @BeforeEach
    void start() {
        cluster = new TestCluster(ETCD, NATS);
        frontend = cluster.frontend("connector", new Entry());
        backend = cluster.backend("room", room);
        frontend.server().sessions().onBind(s -> {
            if ("banned".equals(s.uid())) {
                throw new PitayaException("AUTH-403", "banned user", Map.of("uid", s.uid()));
            }
        });
        frontend.server().sessions().onAfterBind(s -> frontendBinds.add(s.uid() + "@" + s.id()));
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    void aBindOnTheBackendBindsTheFrontendSession() {
        TestClient client = frontend.server().connect().ready();

        client.request(1, "room.room.login", "{\"uid\":\"alice\"}");

        assertThat(client.response(1)).isEqualTo("{\"bound\":\"alice\"}");
        assertThat(frontend.server().sessions().byUid("alice")).get().extracting(Session::id).isEqualTo(client.id());
        assertThat(frontendBinds).as("the frontend's bind listeners ran").containsExactly("alice@" + client.id());
        client.request(2, "room.room.whoami", "{}");
        assertThat(client.response(2)).as("the next forwarded message carries the uid").contains("\"uid\":\"alice\"");
    }

    @Test
    void aPushAfterABindOnTheBackendReachesThePlayer() {
        TestClient client = frontend.server().connect().ready();
        client.request(1, "room.room.login", "{\"uid\":\"bob\"}");
        client.response(1);

        client.request(2, "room.room.shout", "{\"text\":\"hi\"}");

        List<Message> received = List.of(client.nextMessage(), client.nextMessage());
        assertThat(received).anySatisfy(m -> assertPush(m, "onShout", "{\"text\":\"hi\"}"));
        assertThat(received).anySatisfy(m -> assertThat(m.id()).isEqualTo(2));
    }

    @Test
    void aBindTheFrontendRefusesFailsOnTheBackendWithTheFrontendsError() {
        TestClient client = frontend.server().connect().ready();

        client.request(1, "room.room.login", "{\"uid\":\"banned\"}");

        assertThat(client.errorResponse(1))
                .isEqualTo("{\"code\":\"AUTH-403\",\"msg\":\"banned user\",\"metadata\":{\"uid\":\"banned\"}}");
        assertThat(frontend.server().sessions().byUid("banned")).isEmpty();
        assertThat(frontend.server().sessions().byId(client.id()).orElseThrow().uid()).isNull();
    }

    @Test
    void aBindOfASessionBoundAlreadyFailsOnTheBackend() {
        TestClient client = loggedIn(frontend, "carol");

        client.request(2, "room.room.login", "{\"uid\":\"dave\"}");

        assertThat(client.errorResponse(2)).contains("PIT-000").contains("session is already bound to an uid");
        assertThat(frontend.server().sessions().byUid("carol")).isPresent();
    }

    @Test
    void dataPushedToTheFrontReplacesTheFrontendsDataAndTravelsWithTheNextMessage() {
        TestClient client = loggedIn(frontend, "erin");
        Session onFrontend = frontend.server().sessions().byUid("erin").orElseThrow();
        onFrontend.set("level", 4);
        onFrontend.set("stale", true);

        client.request(2, "room.room.levelup", "{}");

        assertThat(client.response(2)).isEqualTo("{\"level\":5}");
        assertThat(onFrontend.getInt("level")).isEqualTo(5);
        assertThat(onFrontend.getString("room")).isEqualTo("r1");
        assertThat(onFrontend.has("stale")).as("the data was sent whole: this key came back too").isTrue();
        client.request(3, "room.room.whoami", "{}");
        assertThat(client.response(3)).contains("\"level\":5");
    }

    @Test
    void aKickOnTheBackendKicksThePlayerOnItsFrontend() {
        TestClient client = loggedIn(frontend, "frank");

        client.request(2, "room.room.leave", "{}");

        PacketType first = client.nextPacket().type();
        // the reply may arrive after the kick closed the connection (Pitaya's order is the same race)
        assertThat(first == PacketType.KICK ? first : client.nextPacket().type()).isEqualTo(PacketType.KICK);
        within(Duration.ofSeconds(5), "the kicked connection closed", client::isClosed);
        within(Duration.ofSeconds(5), "the frontend forgot the user",
                () -> frontend.server().sessions().byUid("frank").isEmpty());
    }

    @Test
    void aReLoginOfTheSameUidKeepsReceivingPushesAfterTheOldSessionClosed() {
        List<Long> closed = new CopyOnWriteArrayList<>();
        frontend.server().sessions().onClose(s -> closed.add(s.id())); // runs after the cluster module's listener
        TestClient first = loggedIn(frontend, "gina");
        TestClient second = loggedIn(frontend, "gina");
        within(Duration.ofSeconds(5), "the older session closed", first::isClosed);
        within(Duration.ofSeconds(5), "the older session's close listeners ran", () -> closed.contains(first.id()));

        backend.server().sessions().pushToUsers("onNews", Map.of("n", 1), List.of("gina"), "connector");

        assertPush(second.nextMessage(), "onNews", "{\"n\":1}");
    }

    @Test
    void aBackendThatLeftEtcdStillReachesTheFrontendForItsInFlightWork() throws Exception {
        TestClient client = frontend.server().connect().ready();
        client.request(1, "room.room.slowlogin", "{\"uid\":\"hank\"}");
        assertThat(room.slowStarted.await(5, TimeUnit.SECONDS)).isTrue();

        backend.module().beforeSessionsDrain(); // leaves etcd: its discovery is closed
        within(Duration.ofSeconds(5), "the frontend saw the backend leave",
                () -> frontend.module().discovery().orElseThrow().serversOfType("room").isEmpty());
        room.slowRelease.countDown();

        List<Message> received = List.of(client.nextMessage(), client.nextMessage());
        assertThat(received).anySatisfy(m -> assertPush(m, "onWelcome", "{\"uid\":\"hank\"}"));
        assertThat(received).anySatisfy(m -> {
            assertThat(m.type()).isEqualTo(MessageType.RESPONSE);
            assertThat(new String(m.data())).isEqualTo("{\"bound\":\"hank\"}");
        });
        assertThat(frontend.server().sessions().byUid("hank")).isPresent();
    }
}
