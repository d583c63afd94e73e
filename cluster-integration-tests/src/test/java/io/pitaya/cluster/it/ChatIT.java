package io.pitaya.cluster.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitaya.client.PitayaClient;
import io.pitaya.client.Response;
import io.pitaya.cluster.it.support.ClusterEnvironment;
import io.pitaya.cluster.it.support.ClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example's chat across two connectors and one room, as the chat page uses it: {@code room.room.join} binds the
 * player on the room and answers with the player's connector (asked through its remote), {@code onMembers} and
 * {@code onNewUser} reach the right players, and {@code room.room.message} reaches everyone on either connector. The
 * room keeps its group in etcd, in Go Pitaya's keys.
 */
@ExtendWith(ClusterExtension.class)
class ChatIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ClusterEnvironment cluster;

    @BeforeAll
    static void cluster(ClusterEnvironment environment) {
        cluster = environment;
    }

    /** A chat page: a connected client and the pushes it got, by arrival. */
    private record Player(PitayaClient client, BlockingQueue<Push> pushes) implements AutoCloseable {

        static Player connect(String url) {
            BlockingQueue<Push> pushes = new LinkedBlockingQueue<>();
            PitayaClient client = PitayaClient.builder().requestTimeout(Duration.ofSeconds(15))
                    .onPush((route, data) -> pushes.add(new Push(route, json(data)))).build();
            client.connect(url);
            return new Player(client, pushes);
        }

        JsonNode join(String name) throws Exception {
            Response response = client.request("room.room.join", "{\"name\":\"" + name + "\"}")
                    .get(20, TimeUnit.SECONDS);
            assertThat(response.isError()).as("%s", response).isFalse();
            return response.json();
        }

        /** The next push on {@code route}, skipping others; fails after 10 s. */
        JsonNode next(String route) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            List<String> skipped = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                Push push = pushes.poll(100, TimeUnit.MILLISECONDS);
                if (push != null && push.route().equals(route)) {
                    return push.body();
                }
                if (push != null) {
                    skipped.add(push.route());
                }
            }
            throw new AssertionError("no " + route + " push within 10 s (got " + skipped + ")");
        }

        @Override
        public void close() {
            client.close();
        }
    }

    private record Push(String route, JsonNode body) {
    }

    private static JsonNode json(byte[] data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void playersOnTwoConnectorsJoinTheSameRoomAndSeeEachOthersMessages() throws Exception {
        try (Player ann = Player.connect(cluster.connectorWebSocket());
             Player bob = Player.connect(cluster.connector2Tcp())) {
            JsonNode annJoined = ann.join("ann");
            assertThat(annJoined.path("code").asInt()).isZero();
            assertThat(annJoined.path("result").asText()).isEqualTo("success");
            assertThat(annJoined.path("connector").asText()).isEqualTo(ClusterEnvironment.CONNECTOR_ID);
            assertThat(annJoined.path("players").asInt()).isPositive();
            assertThat(ann.next("onMembers").path("members").isArray()).isTrue();

            JsonNode bobJoined = bob.join("bob");
            assertThat(bobJoined.path("connector").asText()).isEqualTo(ClusterEnvironment.CONNECTOR_2_ID);
            JsonNode bobsMembers = bob.next("onMembers").path("members");
            String bobArrived = ann.next("onNewUser").path("content").asText();
            assertThat(bobArrived).startsWith("New user: ");
            String bobUid = bobArrived.substring("New user: ".length());
            assertThat(bobsMembers).as("ann is already in the room, bob not yet").isNotEmpty()
                    .noneMatch(member -> member.asText().equals(bobUid));

            // the room's etcd group, as a Go server reads it: the group key and one key per member, empty values
            Map<String, String> group = cluster.etcd().getPrefix("pitaya/groups/room");
            assertThat(group).containsEntry("pitaya/groups/room", "")
                    .containsEntry("pitaya/groups/room/uids/" + bobUid, "");
            assertThat(group.keySet()).allMatch(key -> key.equals("pitaya/groups/room")
                    || key.startsWith("pitaya/groups/room/uids/"));

            bob.client().notify("room.room.message", "{\"name\":\"bob\",\"content\":\"hi from connector 2\"}");
            for (Player player : List.of(ann, bob)) {
                JsonNode line = player.next("onMessage");
                assertThat(line.path("name").asText()).isEqualTo("bob");
                assertThat(line.path("content").asText()).isEqualTo("hi from connector 2");
            }

            ann.client().notify("room.room.message", "{\"name\":\"ann\",\"content\":\"hello from connector 1\"}");
            for (Player player : List.of(bob, ann)) {
                JsonNode line = player.next("onMessage");
                assertThat(line.path("name").asText()).isEqualTo("ann");
                assertThat(line.path("content").asText()).isEqualTo("hello from connector 1");
            }

            bob.close(); // connector 2 tells the room through its remote room.membership.leave
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            JsonNode members;
            do {
                try (Player carl = Player.connect(cluster.connectorTcp())) {
                    carl.join("carl");
                    members = carl.next("onMembers").path("members");
                }
            } while (contains(members, bobUid) && System.nanoTime() < deadline);
            assertThat(contains(members, bobUid)).as("bob left the room: %s", members).isFalse();
            assertThat(cluster.etcd().getPrefix("pitaya/groups/room")).doesNotContainKey("pitaya/groups/room/uids/" + bobUid);
        }
    }

    private static boolean contains(JsonNode members, String uid) {
        for (JsonNode member : members) {
            if (member.asText().equals(uid)) {
                return true;
            }
        }
        return false;
    }
}
