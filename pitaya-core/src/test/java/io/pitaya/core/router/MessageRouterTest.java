package io.pitaya.core.router;

import io.pitaya.api.Handler;
import io.pitaya.api.PitayaException;
import io.pitaya.core.handler.HandlerRoute;
import io.pitaya.core.handler.Reply;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import io.pitaya.protocol.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The router: this server's type runs here, another type goes to the remote forwarder, answers go to the client. */
class MessageRouterTest {

    @Handler("svc")
    public static class Svc {
        public String ping() {
            return "pong";
        }
    }

    private final List<String> forwarded = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Reply>> pending = new CopyOnWriteArrayList<>();
    private final TestServer server = TestServer.builder().handler(new Svc()).remote((session, route, message) -> {
        forwarded.add(session.id() + " " + route + " " + message.type() + " " + message.id());
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        pending.add(reply);
        return reply;
    }).start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anotherServerTypeGoesToTheForwarderInOrderAndItsLaterReplyReachesTheClient() {
        TestClient client = server.connect().ready();
        client.request(1, "room.lobby.join", "{}");
        client.notify("room.lobby.say", "{}");
        client.request(2, "svc.ping", "{}");

        assertThat(forwarded).containsExactly(client.id() + " room.lobby.join REQUEST 1",
                client.id() + " room.lobby.say NOTIFY 0");
        assertThat(client.response(2)).as("a local route is not held up by a pending remote one").isEqualTo("\"pong\"");

        pending.get(0).complete(Reply.of("{\"joined\":true}".getBytes(StandardCharsets.UTF_8)));
        assertThat(client.response(1)).isEqualTo("{\"joined\":true}");
        pending.get(1).complete(Reply.NONE);
        assertThat(client.connection().unread()).as("nothing answers a notify").isZero();
    }

    @Test
    void aBackendServesAForwardedMessageWithTheDispatcherAndGetsTheReply() {
        TestClient frontendPlayer = server.connect().ready(); // stands for the session a backend builds per message
        Reply reply = server.server().dispatcher().handle(frontendPlayer.session(),
                HandlerRoute.parse("svc.ping", TestServer.TYPE), Message.request(9, "svc.ping", new byte[0]));

        assertThat(new String(reply.data(), StandardCharsets.UTF_8)).isEqualTo("\"pong\"");
        assertThat(frontendPlayer.connection().unread()).as("the dispatcher sends nothing itself").isZero();
    }

    @Test
    void aRemoteErrorIsSerializedForTheClientAsPitayaDoes() {
        TestClient client = server.connect().ready();
        client.request(3, "room.lobby.join", "{}");

        pending.get(0).complete(Reply.failed(new PitayaException("PIT-404", "no room", Map.of("room", "lobby"))));
        assertThat(client.errorResponse(3)).isEqualTo("{\"code\":\"PIT-404\",\"msg\":\"no room\",\"metadata\":{\"room\":\"lobby\"}}");
    }

    @Test
    void aFailedForwardIsAnInternalError() {
        TestClient client = server.connect().ready();
        client.request(4, "room.lobby.join", "{}");

        pending.get(0).completeExceptionally(new IllegalStateException("nats is down"));
        assertThat(client.errorResponse(4)).isEqualTo("{\"code\":\"PIT-500\",\"msg\":\"nats is down\"}");
    }
}
