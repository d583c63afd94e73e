package io.pitaya.cluster.routing;

import io.pitaya.api.Handler;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Session;
import io.pitaya.api.cluster.ClusterServer;
import io.pitaya.api.cluster.ServerRouter;
import io.pitaya.cluster.module.ClusterSettings;
import io.pitaya.cluster.testsupport.EtcdServer;
import io.pitaya.cluster.testsupport.NatsServer;
import io.pitaya.cluster.testsupport.TestCluster;
import io.pitaya.core.router.ServerRouters;
import io.pitaya.core.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A frontend ("connector") with a router for "room" and two room backends, on real etcd and nats-server: every
 * message of a uid reaches the backend its uid hashes to; a router's error reaches the client.
 */
class ServerRoutingTest {

    @RegisterExtension
    static final EtcdServer ETCD = new EtcdServer();
    @RegisterExtension
    static final NatsServer NATS = new NatsServer();

    public record Where(String room, String uid) {
    }

    /** A room backend that says which one it is (its metadata name). */
    @Handler("room")
    public static class Room {
        private final String name;

        Room(String name) {
            this.name = name;
        }

        public Where where(Session session, Map<String, Object> in) {
            return new Where(name, session.uid());
        }
    }

    @Handler("entry")
    public static class Entry {
        public Map<String, Object> login(Session session, Map<String, Object> in) {
            session.bind((String) in.get("uid"));
            return Map.of("ok", true);
        }
    }

    /** Every uid to one room backend by hash; uids starting with "banned" or "broken" fail. */
    static final class ByUid implements ServerRouter {
        @Override
        public String serverType() {
            return "room";
        }

        @Override
        public ClusterServer route(String route, Optional<Session> session, byte[] payload, List<ClusterServer> servers) {
            String uid = session.orElseThrow().uid();
            if (uid.startsWith("banned")) {
                throw new PitayaException("RH-403", "banned from the rooms", Map.of("uid", uid));
            }
            if (uid.startsWith("broken")) {
                throw new IllegalStateException("the room map is broken");
            }
            return servers.get(Math.floorMod(uid.hashCode(), servers.size()));
        }
    }

    private TestCluster cluster;
    private TestCluster.Node connector;
    /** The room backends' names by server id. */
    private final Map<String, String> roomById = new HashMap<>();

    @BeforeEach
    void start() {
        cluster = new TestCluster(ETCD, NATS);
        for (String name : List.of("east", "west")) {
            TestCluster.Node room = cluster.node("room", false, Map.of(ClusterSettings.METADATA, "name=" + name),
                    new Room(name));
            roomById.put(room.id(), name);
        }
        connector = cluster.node("connector", true, Map.of(), ServerRouters.of(new ByUid()), new Entry());
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    void everyMessageOfAUidReachesTheBackendItsUidHashesTo() {
        List<String> sortedIds = roomById.keySet().stream().sorted().toList();
        Map<String, Integer> perRoom = new HashMap<>();
        for (int u = 0; u < 12; u++) {
            String uid = "player-" + u;
            String expected = roomById.get(sortedIds.get(Math.floorMod(uid.hashCode(), 2)));
            TestClient client = loggedIn(uid);
            for (int i = 0; i < 5; i++) {
                client.request(10 + i, "room.room.where", "{}");
                assertThat(client.response(10 + i)).as(uid + " message " + i)
                        .isEqualTo("{\"room\":\"" + expected + "\",\"uid\":\"" + uid + "\"}");
            }
            perRoom.merge(expected, 1, Integer::sum);
        }
        assertThat(perRoom).as("the hash spread the uids over both rooms").containsOnlyKeys("east", "west");
    }

    @Test
    void aPitayaErrorOfTheRouterReachesTheClientWithItsCode() {
        TestClient client = loggedIn("banned-1");

        client.request(7, "room.room.where", "{}");

        assertThat(client.errorResponse(7))
                .isEqualTo("{\"code\":\"RH-403\",\"msg\":\"banned from the rooms\",\"metadata\":{\"uid\":\"banned-1\"}}");
    }

    @Test
    void anyOtherFailureOfTheRouterReachesTheClientAsPit500() {
        TestClient client = loggedIn("broken-1");

        client.request(8, "room.room.where", "{}");

        assertThat(client.errorResponse(8)).isEqualTo("{\"code\":\"PIT-500\",\"msg\":\"the room map is broken\"}");
    }

    private TestClient loggedIn(String uid) {
        TestClient client = connector.server().connect().ready();
        client.request(1, "connector.entry.login", "{\"uid\":\"" + uid + "\"}");
        assertThat(client.response(1)).isEqualTo("{\"ok\":true}");
        return client;
    }

}
