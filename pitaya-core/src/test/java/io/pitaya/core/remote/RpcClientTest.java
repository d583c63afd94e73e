package io.pitaya.core.remote;

import com.google.protobuf.StringValue;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Remote;
import io.pitaya.api.Rpc;
import io.pitaya.core.handler.InvocationScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The calling side: which calls run here, which go to the caller, and what the application gets. */
class RpcClientTest {

    public record Move(String piece, int square) {
    }

    @Remote("board")
    public static class Board {
        public Move mirror(Move move) {
            return new Move(move.piece(), 63 - move.square());
        }

        public StringValue echo(StringValue in) {
            return in;
        }

        public String thread() {
            return Thread.currentThread().getName();
        }

        public int fail() {
            throw new PitayaException("GAME-7", "illegal move", Map.of("square", "64"));
        }
    }

    /** Records what would go to another server and answers with a fixed reply. */
    static final class RecordingCaller implements RemoteCaller {
        final List<String> calls = new CopyOnWriteArrayList<>();
        CompletionStage<byte[]> answer = CompletableFuture.completedFuture("{\"piece\":\"q\",\"square\":1}"
                .getBytes(StandardCharsets.UTF_8));

        @Override
        public String serverId() {
            return "game-1";
        }

        @Override
        public CompletionStage<byte[]> call(String serverId, RemoteRoute route, byte[] argument, Duration timeout) {
            calls.add(serverId + " " + route + " " + new String(argument, StandardCharsets.UTF_8) + " " + timeout);
            return answer;
        }
    }

    private final ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "handler-pool"));
    private final Remotes remotes = new Remotes("game");
    private final RecordingCaller caller = new RecordingCaller();
    private final Rpc rpc = remotes.rpc();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private void start(RemoteCaller remoteCaller) {
        remotes.start(RemoteRegistry.builder().remote(new Board()).build(), InvocationScope.NONE, pool, remoteCaller);
    }

    @Test
    void aCallForThisServersTypeRunsHereOnTheCallingThread() {
        start(caller);

        assertThat(rpc.call("game.board.mirror", new Move("k", 3), Move.class)).isEqualTo(new Move("k", 60));
        assertThat(rpc.call("game.board.thread", null, String.class)).isEqualTo(Thread.currentThread().getName());
        assertThat(caller.calls).isEmpty();
    }

    @Test
    void anAsynchronousCallForThisServerRunsOnTheHandlerPool() throws Exception {
        start(caller);

        assertThat(rpc.callAsync("game.board.thread", null, String.class).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isEqualTo("handler-pool");
        assertThat(rpc.callAsync("game.board.echo", StringValue.of("hi"), StringValue.class).toCompletableFuture()
                .get(5, TimeUnit.SECONDS).getValue()).isEqualTo("hi");
    }

    @Test
    void aCallToThisServersIdRunsHere() {
        start(caller);

        assertThat(rpc.callTo("game-1", "game.board.mirror", new Move("k", 0), Move.class)).isEqualTo(new Move("k", 63));
        assertThat(caller.calls).isEmpty();
    }

    @Test
    void callsForOtherServersGoToTheCallerWithTheirIdRouteArgumentAndTimeout() {
        start(caller);

        Move reply = rpc.call("chess.board.mirror", new Move("p", 8), Move.class);
        rpc.callTo("game-2", "game.board.mirror", new Move("p", 9), Move.class);
        rpc.withTimeout(Duration.ofMillis(250)).callToAsync("chess-1", "chess.board.mirror", null, Move.class)
                .toCompletableFuture().join();

        assertThat(reply).isEqualTo(new Move("q", 1));
        assertThat(caller.calls).containsExactly(
                "null chess.board.mirror {\"piece\":\"p\",\"square\":8} null",
                "game-2 game.board.mirror {\"piece\":\"p\",\"square\":9} null",
                "chess-1 chess.board.mirror  PT0.25S");
    }

    @Test
    void aRemoteErrorIsThrownWithItsCodeMessageAndMetadata() {
        start(caller);

        assertThatThrownBy(() -> rpc.call("game.board.fail", null, Integer.class))
                .isInstanceOfSatisfying(PitayaException.class, e -> {
                    assertThat(e.code()).isEqualTo("GAME-7");
                    assertThat(e.getMessage()).isEqualTo("illegal move");
                    assertThat(e.metadata()).isEqualTo(Map.of("square", "64"));
                });
        caller.answer = CompletableFuture.failedFuture(new PitayaException("PIT-408", "rpc client: request timeout"));
        assertThatThrownBy(() -> rpc.call("chess.board.mirror", null, Move.class))
                .isInstanceOfSatisfying(PitayaException.class, e -> assertThat(e.code()).isEqualTo("PIT-408"));
        assertThatThrownBy(() -> rpc.callAsync("chess.board.mirror", null, Move.class).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(PitayaException.class);
    }

    @Test
    void standaloneOtherTypesHaveNoServersAndOtherIdsAreNotFound() {
        start(new StandaloneRemoteCaller("game-1"));

        assertThatThrownBy(() -> rpc.call("chat.room.say", "hi", String.class))
                .isInstanceOfSatisfying(PitayaException.class, e -> {
                    assertThat(e.code()).isEqualTo("PIT-500");
                    assertThat(e.getMessage()).isEqualTo("no servers available of this type");
                    assertThat(e.metadata()).isEqualTo(Map.of("serverType", "chat"));
                });
        assertThatThrownBy(() -> rpc.callTo("game-9", "game.board.thread", null, String.class))
                .isInstanceOfSatisfying(PitayaException.class, e -> {
                    assertThat(e.code()).isEqualTo("PIT-000");
                    assertThat(e.getMessage()).isEqualTo("server not found");
                });
    }

    @Test
    void aRouteWithoutServerTypeIsABadRequest() {
        start(caller);

        assertThatThrownBy(() -> rpc.call("board.mirror", null, Move.class))
                .isInstanceOfSatisfying(PitayaException.class, e -> assertThat(e.code()).isEqualTo("PIT-400"));
        assertThat(rpc.callAsync("board.mirror", null, Move.class).toCompletableFuture())
                .isCompletedExceptionally();
    }

    @Test
    void aReplyOfTheWrongShapeIsReportedWithTheRoute() {
        start(caller);

        assertThatThrownBy(() -> rpc.call("chess.board.mirror", null, StringValue.class))
                .isInstanceOfSatisfying(PitayaException.class, e -> {
                    assertThat(e.code()).isEqualTo("PIT-000");
                    assertThat(e.metadata()).containsEntry("route", "chess.board.mirror");
                });
    }

    @Test
    void callsFailBeforeStartAndAfterStop() {
        assertThatThrownBy(() -> rpc.call("game.board.thread", null, String.class))
                .isInstanceOfSatisfying(PitayaException.class, e -> assertThat(e.getMessage()).isEqualTo("RPC server is not running"));
        start(caller);
        remotes.stop();
        assertThatThrownBy(() -> rpc.call("game.board.thread", null, String.class))
                .isInstanceOf(PitayaException.class);
    }

    @Test
    void aWaitingCallEndsWhenItsThreadIsInterrupted() throws Exception {
        caller.answer = new CompletableFuture<>(); // never answered
        start(caller);
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread waiting = new Thread(() -> {
            try {
                rpc.call("chess.board.mirror", null, Move.class);
                failure.complete(null);
            } catch (PitayaException e) {
                failure.complete(Thread.currentThread().isInterrupted() ? e : new AssertionError("flag lost"));
            }
        });
        waiting.start();
        while (caller.calls.isEmpty()) {
            Thread.onSpinWait();
        }

        waiting.interrupt();

        assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(PitayaException.class, e -> {
            assertThat(e.code()).isEqualTo("PIT-500");
            assertThat(e.getMessage()).isEqualTo("interrupted while waiting for chess.board.mirror");
        });
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThatThrownBy(() -> rpc.withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
