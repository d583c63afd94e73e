package io.pitaya.cluster.groups;

import io.pitaya.api.Handler;
import io.pitaya.api.Session;
import io.pitaya.cluster.testsupport.EtcdServer;
import io.pitaya.cluster.testsupport.Eventually.CountingThreads;
import io.pitaya.cluster.testsupport.NatsServer;
import io.pitaya.cluster.testsupport.TestCluster;
import io.pitaya.cluster.testsupport.TestCluster.Node;
import io.pitaya.core.group.GroupServiceContext;
import io.pitaya.core.group.ServiceGroups;
import io.pitaya.core.testing.TestClient;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Go Pitaya's {@code GroupBroadcast} across servers (its e2e {@code TestGroupFront}/{@code TestGroupBack}): two
 * frontends and a backend in one JVM share etcd groups; a broadcast from any of them reaches the members on both
 * frontends, over real etcd and nats-server.
 */
class GroupBroadcastTest {

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

    /** A backend handler broadcasting what it is sent to the group {@code match} on the connectors. */
    @Handler("match")
    public static class Match {
        volatile ServiceGroups groups;

        public Map<String, Object> shout(Map<String, Object> in) {
            List<String> failed = groups.broadcast("connector", "match", "onShout", in);
            return Map.of("failed", failed);
        }
    }

    private final String groupsPrefix = "groups-" + UUID.randomUUID() + "/";
    private final List<EtcdGroups> services = new ArrayList<>();
    private final Match match = new Match();
    private TestCluster cluster;
    private Node frontendA;
    private Node frontendB;
    private ServiceGroups groupsA;
    private ServiceGroups groupsB;
    private ServiceGroups groupsRoom;

    @BeforeEach
    void start() {
        cluster = new TestCluster(ETCD, NATS);
        frontendA = cluster.frontend("connector", new Entry());
        frontendB = cluster.frontend("connector", new Entry());
        Node room = cluster.backend("room", match);
        groupsA = groups(frontendA);
        groupsB = groups(frontendB);
        groupsRoom = groups(room);
        match.groups = groupsRoom;
    }

    /** The node's injectable Groups as the core builds it with pitaya.groups.service=etcd. */
    private ServiceGroups groups(Node node) {
        EtcdGroups etcd = new EtcdGroups(new EtcdGroupSettings(List.of(ETCD.endpoint()), Duration.ofSeconds(5),
                groupsPrefix, Duration.ofSeconds(5)), new CountingThreads("groups"));
        services.add(etcd);
        etcd.start(new GroupServiceContext(null, Duration.ofSeconds(30)));
        return new ServiceGroups(etcd, node.server().sessions(), node.server().serializer());
    }

    @AfterEach
    void stop() throws Exception {
        services.forEach(EtcdGroups::stop);
        cluster.close();
    }

    @Test
    void membersOnBothFrontendsReceiveABroadcastFromEitherFrontend() {
        TestClient u1 = loggedIn(frontendA, "u1");
        TestClient u2 = loggedIn(frontendB, "u2");
        TestClient u3 = loggedIn(frontendA, "u3");
        TestClient outsider = loggedIn(frontendB, "u4");
        groupsA.create("match");
        groupsA.add("match", "u1");
        groupsB.add("match", "u2"); // each frontend adds its own players, as a join handler would
        groupsB.add("match", "u3");

        assertThat(groupsA.broadcast("connector", "match", "onStart", Map.of("round", 1))).isEmpty();
        for (TestClient member : List.of(u1, u2, u3)) {
            assertPush(member.nextMessage(), "onStart", "{\"round\":1}");
        }

        assertThat(groupsB.broadcast("connector", "match", "onEnd", Map.of("round", 1))).isEmpty();
        for (TestClient member : List.of(u1, u2, u3)) {
            assertPush(member.nextMessage(), "onEnd", "{\"round\":1}");
        }
        outsider.connection().assertNothingMoreWritten();
    }

    @Test
    void aBackendHandlerBroadcastsToMembersOnEveryFrontend() {
        TestClient u1 = loggedIn(frontendA, "b1");
        TestClient u2 = loggedIn(frontendB, "b2");
        TestClient caller = loggedIn(frontendB, "caller");
        groupsRoom.create("match");
        groupsA.add("match", "b1");
        groupsB.add("match", "b2");
        groupsB.add("match", "gone"); // connected nowhere: not known to the sender, no failure (as in Pitaya)

        caller.request(2, "room.match.shout", "{\"text\":\"gg\"}");
        assertThat(caller.response(2)).isEqualTo("{\"failed\":[]}");

        assertPush(u1.nextMessage(), "onShout", "{\"text\":\"gg\"}");
        assertPush(u2.nextMessage(), "onShout", "{\"text\":\"gg\"}");
    }

    @Test
    void rawBytesReachOtherFrontendsAsTheyAreAndAMissingGroupIsAnError() {
        TestClient u1 = loggedIn(frontendB, "r1");
        groupsA.create("bin");
        groupsA.add("bin", "r1");

        assertThat(groupsA.broadcast("connector", "bin", "onBin", new byte[]{1, 2, 3})).isEmpty();
        assertThat(u1.nextMessage().data()).containsExactly(1, 2, 3);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> groupsA.broadcast("connector", "nope", "r", "x"))
                .hasMessage("group not found");
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
