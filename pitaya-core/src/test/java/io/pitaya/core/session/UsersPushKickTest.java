package io.pitaya.core.session;

import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import io.pitaya.protocol.Hex;
import io.pitaya.protocol.PacketType;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pitaya's SendPushToUsers and SendKickToUsers on this server. */
class UsersPushKickTest {

    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private SessionPool sessions() {
        return server.sessions();
    }

    private TestClient bound(String uid) {
        TestClient client = server.connect().ready();
        client.session().bind(uid);
        return client;
    }

    @Test
    void pushToUsersReachesEachBoundSessionAndReportsTheOthers() {
        TestClient a = bound("a");
        TestClient b = bound("b");
        TestClient closed = bound("closed");
        TestClient notAsked = bound("c");
        closed.session().close();

        List<String> failed = sessions().pushToUsers("onMsg", Map.of("t", "hi"), Arrays.asList("a", "nobody", "b", "closed", null));

        assertThat(failed).containsExactly("nobody", "closed", null);
        for (TestClient client : new TestClient[]{a, b}) {
            Message m = client.nextMessage();
            assertThat(m.type()).isEqualTo(MessageType.PUSH);
            assertThat(m.route()).isEqualTo("onMsg");
            assertThat(Hex.text(m.data())).isEqualTo("{\"t\":\"hi\"}");
        }
        notAsked.connection().assertNothingMoreWritten();
    }

    @Test
    void pushToUsersSendsBytesRawAndAnEmptyListWhenAllWereReached() {
        TestClient a = bound("a");
        assertThat(sessions().pushToUsers("bin", new byte[]{1, 2}, List.of("a"))).isEmpty();
        assertThat(a.nextMessage().data()).containsExactly(1, 2);
        assertThat(sessions().pushToUsers("bin", new byte[]{1}, List.of())).isEmpty();
    }

    @Test
    void pushToNobodyConnectedFailsEveryUid() {
        assertThat(sessions().pushToUsers("r", "x", List.of("a", "b"))).containsExactly("a", "b");
    }

    @Test
    void kickUsersSendsAKickPacketThenClosesAndReportsUnknownUids() {
        TestClient a = bound("a");
        TestClient b = bound("b");
        List<String> closes = new CopyOnWriteArrayList<>();
        a.session().onClose(() -> closes.add("a"));

        List<String> failed = sessions().kickUsers(List.of("a", "ghost", "b"));

        assertThat(failed).containsExactly("ghost");
        for (TestClient client : new TestClient[]{a, b}) {
            assertThat(client.nextPacket().type()).isEqualTo(PacketType.KICK);
            client.connection().awaitClosed();
            assertThat(client.agent().closeReason()).isEqualTo("kicked");
        }
        assertThat(closes).containsExactly("a");
        assertThat(sessions().byUid("a")).isEmpty();
        assertThat(sessions().kickUsers(List.of("a"))).as("already gone").containsExactly("a");
    }

    @Test
    void standaloneTheFrontendTypeOverloadsReachOnlyThisServersSessions() {
        TestClient a = bound("a");

        assertThat(sessions().pushToUsers("onMsg", Map.of("t", 1), List.of("a", "elsewhere"), "connector"))
                .containsExactly("elsewhere");
        assertThat(Hex.text(a.nextMessage().data())).isEqualTo("{\"t\":1}");
        assertThat(sessions().kickUsers(List.of("elsewhere", "a"), "connector")).containsExactly("elsewhere");
        assertThat(a.nextPacket().type()).isEqualTo(PacketType.KICK);
    }

    @Test
    void usersNotHereGoThroughTheMessengerWithThePayloadSerializedOnce() {
        TestClient local = bound("local");
        List<String> sent = new CopyOnWriteArrayList<>();
        sessions().userMessenger(new UserMessenger() {
            @Override
            public boolean holdsUsersOf(String frontendType) {
                return frontendType.equals("connector");
            }

            @Override
            public boolean push(String frontendType, String uid, String route, byte[] data) {
                sent.add("push " + frontendType + " " + uid + " " + route + " " + Hex.text(data));
                return !uid.equals("unpublishable");
            }

            @Override
            public boolean kick(String frontendType, String uid) {
                sent.add("kick " + frontendType + " " + uid);
                return true;
            }
        }, server.serializer());

        assertThat(sessions().pushToUsers("onMsg", Map.of("t", 2), List.of("local", "far", "unpublishable"), "connector"))
                .containsExactly("unpublishable");
        assertThat(Hex.text(local.nextMessage().data())).isEqualTo("{\"t\":2}");
        assertThat(sessions().pushToUsers("onMsg", Map.of("t", 3), List.of("local"), "gate")).isEmpty();
        assertThat(sessions().kickUsers(List.of("far"), "connector")).isEmpty();
        assertThat(sent).containsExactly("push connector far onMsg {\"t\":2}",
                "push connector unpublishable onMsg {\"t\":2}", "push gate local onMsg {\"t\":3}", "kick connector far");
        local.connection().assertNothingMoreWritten();
    }

    @Test
    void theFrontendTypeIsRequired() {
        assertThatThrownBy(() -> sessions().pushToUsers("r", "x", List.of("a"), "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sessions().kickUsers(List.of("a"), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forEachVisitsEverySession() {
        TestClient a = server.connect();
        TestClient b = bound("b");
        List<Long> ids = new CopyOnWriteArrayList<>();
        sessions().forEach(s -> ids.add(s.id()));
        assertThat(ids).containsExactlyInAnyOrder(a.id(), b.id());
    }
}
