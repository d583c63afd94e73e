package io.pitaya.core.remote;

import io.pitaya.api.PitayaException;
import io.pitaya.api.Remote;
import io.pitaya.api.Session;
import io.pitaya.api.pipeline.CallType;
import io.pitaya.core.handler.InvocationScope;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BeforeRemote and AfterRemote hooks around remote calls, with Go Pitaya's RemoteHooks semantics. */
class RemotePipelineTest {

    public record Move(String piece, int square) {
    }

    @Remote("board")
    public static class Board {
        public Move mirror(Move move) {
            return new Move(move.piece(), 63 - move.square());
        }

        public Move fail(Move move) {
            throw new PitayaException("GAME-7", "illegal move", Map.of("square", "64"));
        }
    }

    private final List<String> log = new ArrayList<>();

    private RemoteDispatcher dispatcher(RemotePipeline pipeline, InvocationScope scope) {
        return new RemoteDispatcher("game", RemoteRegistry.builder().remote(new Board()).pipeline(pipeline).build(),
                new RemoteCodec(), scope);
    }

    private RemoteDispatcher dispatcher(RemotePipeline pipeline) {
        return dispatcher(pipeline, InvocationScope.NONE);
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void beforeHooksRunInPriorityOrderSeeTheRemoteCallAndMayReplaceTheArgument() {
        RemotePipeline pipeline = RemotePipeline.builder()
                .before(c -> {
                    log.add("second " + c.argument());
                    c.setArgument(new Move("k", 10));
                }, 200, "b")
                .before(c -> log.add("first " + c.route() + " " + c.service() + " " + c.method() + " " + c.callType()
                        + " session=" + c.session() + " " + c.handlerMethod().getName()), 100, "a")
                .build();

        byte[] reply = dispatcher(pipeline).invoke("board.mirror", json("{\"piece\":\"q\",\"square\":1}"));

        assertThat(log).containsExactly("first game.board.mirror board mirror REMOTE session=null mirror",
                "second Move[piece=q, square=1]");
        assertThat(text(reply)).isEqualTo("{\"piece\":\"k\",\"square\":53}");
    }

    @Test
    void aBeforeHookThatThrowsAbortsWithPit500AndItsMessageAsGoDoes() {
        RemotePipeline pipeline = RemotePipeline.builder()
                .before(c -> {
                    throw new PitayaException("AUTH-1", "servers only", Map.of("peer", "x"));
                }, 100, "a")
                .before(c -> log.add("not reached"), 200, "b")
                .after(c -> log.add("after not reached"), 100, "c")
                .build();

        assertThatThrownBy(() -> dispatcher(pipeline).invoke("board.mirror", json("{}")))
                .isInstanceOfSatisfying(PitayaException.class, e -> {
                    assertThat(e.code()).isEqualTo("PIT-500");
                    assertThat(e.getMessage()).isEqualTo("servers only");
                    assertThat(e.metadata()).isEmpty();
                });
        assertThat(log).isEmpty();
    }

    @Test
    void everyAfterHookRunsAndMayReplaceTheResultOrTheError() {
        RemotePipeline pipeline = RemotePipeline.builder()
                .before(c -> c.attributes().put("start", "b"), 100, "a")
                .after(c -> {
                    log.add("1 " + c.result() + " " + c.attributes().get("start"));
                    throw new IllegalStateException("hook broke");
                }, 100, "a")
                .after(c -> {
                    log.add("2 " + c.error().getMessage());
                    c.setResult(new Move("replaced", 0));
                }, 200, "b")
                .build();

        byte[] reply = dispatcher(pipeline).invoke("board.mirror", json("{\"piece\":\"q\",\"square\":1}"));

        assertThat(log).containsExactly("1 Move[piece=q, square=62] b", "2 hook broke");
        assertThat(text(reply)).isEqualTo("{\"piece\":\"replaced\",\"square\":0}");
    }

    @Test
    void afterHooksSeeTheRemotesErrorAndTheCallerGetsTheLastOutcome() {
        RemotePipeline pipeline = RemotePipeline.builder()
                .after(c -> {
                    PitayaException e = (PitayaException) c.error();
                    c.setError(new PitayaException("GAME-8", "seen " + e.code(), e.metadata()));
                }, 100, "a")
                .build();

        assertThatThrownBy(() -> dispatcher(pipeline).invoke("board.fail", json("{}")))
                .isInstanceOfSatisfying(PitayaException.class, e -> {
                    assertThat(e.code()).isEqualTo("GAME-8");
                    assertThat(e.getMessage()).isEqualTo("seen GAME-7");
                    assertThat(e.metadata()).isEqualTo(Map.of("square", "64"));
                });
    }

    @Test
    void hooksAndTheRemoteRunInsideTheInvocationScopeWithoutSession() {
        InvocationScope scope = new InvocationScope() {
            @Override
            public <T> T call(Session session, Supplier<T> work) {
                log.add("enter " + session);
                try {
                    return work.get();
                } finally {
                    log.add("exit");
                }
            }
        };
        RemotePipeline pipeline = RemotePipeline.builder()
                .before(c -> log.add("before"), 100, "a")
                .after(c -> log.add("after " + (c.callType() == CallType.REMOTE)), 100, "a")
                .build();

        dispatcher(pipeline, scope).invoke("board.mirror", json("{}"));

        assertThat(log).containsExactly("enter null", "before", "after true", "exit");
    }
}
