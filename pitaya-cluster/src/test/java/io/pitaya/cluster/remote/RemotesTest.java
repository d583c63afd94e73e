package io.pitaya.cluster.remote;

import com.google.protobuf.StringValue;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Remote;
import io.pitaya.api.Rpc;
import io.pitaya.cluster.testsupport.EtcdServer;
import io.pitaya.cluster.testsupport.NatsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.pitaya.cluster.testsupport.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Remotes between real servers over real nats-server and etcd: a frontend ("lobby") calls the remotes of two
 * backends ("game") and they call back.
 */
class RemotesTest {

    @RegisterExtension
    static final EtcdServer ETCD = new EtcdServer();
    @RegisterExtension
    static final NatsServer NATS = new NatsServer();

    public record Sum(int a, int b) {
    }

    public record Total(int total, String by) {
    }

    @Remote("game")
    public static class Game {
        private final String id;
        private volatile Rpc rpc;

        Game(String id) {
            this.id = id;
        }

        public String whoami() {
            return id;
        }

        public Total add(Sum sum) {
            return new Total(sum.a() + sum.b(), id);
        }

        public StringValue greet(StringValue name) {
            return StringValue.of("hello " + name.getValue() + " from " + id);
        }

        public Total fail(Sum sum) {
            throw new PitayaException("GAME-42", "table is full", Map.of("table", "t1"));
        }

        public Total crash(Sum sum) {
            throw new IllegalStateException("deck is empty");
        }

        public String slow() throws InterruptedException {
            Thread.sleep(1500);
            return "late";
        }

        /** A remote that calls a remote of another server while it runs. */
        public String askLobby() {
            return "lobby says " + rpc.call("lobby.lobby.motd", null, String.class);
        }
    }

    @Remote("lobby")
    public static class Lobby {
        public String motd() {
            return "welcome";
        }

        public String where() {
            return Thread.currentThread().getName();
        }
    }

    private RemoteNodes nodes;
    private RemoteNodes.Node lobby;
    private RemoteNodes.Node gameA;
    private RemoteNodes.Node gameB;
    private Rpc rpc;

    @BeforeEach
    void startServers() {
        nodes = new RemoteNodes(ETCD, NATS);
        lobby = nodes.start("lobby", true, new Lobby());
        Game a = new Game("a");
        Game b = new Game("b");
        gameA = nodes.start("game", false, a);
        gameB = nodes.start("game", false, b);
        a.rpc = gameA.rpc();
        b.rpc = gameB.rpc();
        rpc = lobby.rpc();
    }

    @AfterEach
    void stopServers() throws Exception {
        nodes.close();
    }

    @Test
    void aCallReachesAServerOfTheTypeWithAJsonArgumentAndReply() {
        Total total = rpc.call("game.game.add", new Sum(2, 3), Total.class);

        assertThat(total.total()).isEqualTo(5);
        assertThat(total.by()).isIn("a", "b");
    }

    @Test
    void callsWithoutIdAreSpreadOverTheServersOfTheType() {
        Set<String> answered = new HashSet<>();
        for (int i = 0; i < 40 && answered.size() < 2; i++) {
            answered.add(rpc.call("game.game.whoami", null, String.class));
        }

        assertThat(answered).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aCallToAnIdReachesThatServer() {
        for (int i = 0; i < 5; i++) {
            assertThat(rpc.callTo(gameB.id(), "game.game.whoami", null, String.class)).isEqualTo("b");
            assertThat(rpc.callTo(gameA.id(), "game.game.whoami", null, String.class)).isEqualTo("a");
        }
    }

    @Test
    void anAsynchronousCallCompletesOnTheHandlerPoolNotOnNats() throws Exception {
        CompletableFuture<String> thread = rpc.callToAsync(gameA.id(), "game.game.add", new Sum(1, 1), Total.class)
                .thenApply(total -> total.total() + " on " + Thread.currentThread().getName())
                .toCompletableFuture();

        assertThat(thread.get(5, TimeUnit.SECONDS)).startsWith("2 on " + RemoteNodes.WORKER);
    }

    @Test
    void manyCallsInFlightAtOnceAreAllAnsweredWithTheirOwnReply() throws Exception {
        List<CompletableFuture<Total>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(rpc.callAsync("game.game.add", new Sum(i, 1000), Total.class).toCompletableFuture());
        }

        for (int i = 0; i < 100; i++) {
            assertThat(calls.get(i).get(10, TimeUnit.SECONDS).total()).isEqualTo(i + 1000);
        }
    }

    @Test
    void protobufArgumentsAndRepliesTravelAsProtobuf() {
        StringValue reply = rpc.callTo(gameA.id(), "game.game.greet", StringValue.of("ann"), StringValue.class);

        assertThat(reply.getValue()).isEqualTo("hello ann from a");
    }

    @Test
    void aRemotesPitayaErrorReachesTheCallerWithItsCodeMessageAndMetadata() {
        assertThatThrownBy(() -> rpc.call("game.game.fail", new Sum(0, 0), Total.class))
                .isInstanceOfSatisfying(PitayaException.class, e -> {
                    assertThat(e.code()).isEqualTo("GAME-42");
                    assertThat(e.getMessage()).isEqualTo("table is full");
                    assertThat(e.metadata()).isEqualTo(Map.of("table", "t1"));
                });
    }

    @Test
    void anyOtherExceptionOfTheRemoteIsPit000WithItsMessage() {
        assertThatThrownBy(() -> rpc.call("game.game.crash", new Sum(0, 0), Total.class))
                .isInstanceOfSatisfying(PitayaException.class, e -> {
                    assertThat(e.code()).isEqualTo("PIT-000");
                    assertThat(e.getMessage()).isEqualTo("deck is empty");
                });
    }

    @Test
    void aRouteTheServerDoesNotServeIsRouteNotFound() {
        assertThatThrownBy(() -> rpc.call("game.game.nope", null, String.class))
                .isInstanceOfSatisfying(PitayaException.class, e -> {
                    assertThat(e.code()).isEqualTo("PIT-404");
                    assertThat(e.getMessage()).isEqualTo("route not found");
                    assertThat(e.metadata()).isEqualTo(Map.of("route", "game.nope"));
                });
    }

    @Test
    void aSlowRemoteTimesOutWithPit408() {
        assertThatThrownBy(() -> rpc.withTimeout(Duration.ofMillis(300)).call("game.game.slow", null, String.class))
                .isInstanceOfSatisfying(PitayaException.class, e -> {
                    assertThat(e.code()).isEqualTo("PIT-408");
                    assertThat(e.getMessage()).isEqualTo("rpc client: request timeout");
                    assertThat(e.metadata()).containsEntry("timeout", "300ms").containsEntry("route", "game.game.slow");
                });
        ExecutionException async = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () ->
                rpc.withTimeout(Duration.ofMillis(300)).callAsync("game.game.slow", null, String.class)
                        .toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertThat(async.getCause()).isInstanceOfSatisfying(PitayaException.class,
                e -> assertThat(e.code()).isEqualTo("PIT-408"));
    }

    @Test
    void aTypeNobodyServesFailsAtOnceWithNoServersAvailable() {
        assertThatThrownBy(() -> rpc.call("chat.room.say", "hi", String.class))
                .isInstanceOfSatisfying(PitayaException.class, e -> {
                    assertThat(e.code()).isEqualTo("PIT-500");
                    assertThat(e.getMessage()).isEqualTo("no servers available of this type");
                    assertThat(e.metadata()).isEqualTo(Map.of("serverType", "chat"));
                });
        assertThatThrownBy(() -> rpc.callTo("game-unknown", "game.game.whoami", null, String.class))
                .isInstanceOfSatisfying(PitayaException.class, e -> assertThat(e.getMessage()).isEqualTo("server not found"));
    }

    @Test
    void whenTheServersOfATypeLeftCallsFailWithNoServersAvailable() {
        gameA.module().beforeSessionsDrain();
        gameB.module().beforeSessionsDrain();
        within(Duration.ofSeconds(5), "the games are gone from the lobby's discovery",
                () -> lobby.module().discovery().orElseThrow().serversOfType("game").isEmpty());

        assertThatThrownBy(() -> rpc.call("game.game.whoami", null, String.class))
                .isInstanceOfSatisfying(PitayaException.class, e -> {
                    assertThat(e.code()).isEqualTo("PIT-500");
                    assertThat(e.getMessage()).isEqualTo("no servers available of this type");
                });
    }

    @Test
    void aRemoteMayCallARemoteOfAnotherServerWhileItRuns() {
        assertThat(rpc.callTo(gameB.id(), "game.game.asklobby", null, String.class)).isEqualTo("lobby says welcome");
    }

    @Test
    void aCallForTheCallersOwnTypeRunsOnTheCaller() {
        assertThat(rpc.call("lobby.lobby.where", null, String.class)).isEqualTo(Thread.currentThread().getName());
        assertThat(rpc.callTo(lobby.id(), "lobby.lobby.motd", null, String.class)).isEqualTo("welcome");
    }
}
