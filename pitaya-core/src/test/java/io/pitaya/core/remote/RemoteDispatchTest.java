package io.pitaya.core.remote;

import com.google.protobuf.Int32Value;
import com.google.protobuf.StringValue;
import io.pitaya.api.Ignore;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Remote;
import io.pitaya.api.Route;
import io.pitaya.api.Session;
import io.pitaya.core.handler.InvocationScope;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The serving side: which methods become remotes, and what a caller gets back for each outcome. */
class RemoteDispatchTest {

    public record Score(String player, int points) {
    }

    @Remote
    public static class Ranking {
        public Score best(Score in) {
            return new Score(in.player(), in.points() + 1);
        }

        public StringValue greet(StringValue name) {
            return StringValue.of("hello " + name.getValue());
        }

        public Int32Value count() {
            return Int32Value.of(3);
        }

        public byte[] raw(byte[] in) {
            return in;
        }

        public void forget(Score in) {
        }

        @Route("getTop")
        public List<String> top() {
            return List.of("ann", "bob");
        }

        public Score fail(Score in) {
            throw new PitayaException("RANK-1", "no such board", Map.of("board", "weekly"));
        }

        public Score crash(Score in) {
            throw new IllegalStateException("index broken");
        }

        public Score checked() throws Exception {
            throw new Exception("disk full");
        }

        @Ignore
        public String notARemote() {
            return "";
        }
    }

    @Remote("stats")
    public static class Named {
        public String ping() {
            return "pong";
        }
    }

    private final RemoteCodec codec = new RemoteCodec();
    private final RemoteDispatcher dispatcher = new RemoteDispatcher("game",
            RemoteRegistry.builder().remote(new Ranking(), new Named()).build(), codec, InvocationScope.NONE);

    @Test
    void publicMethodsBecomeLowerCasedRoutesOfTheServiceUnlessIgnoredOrRenamed() {
        assertThat(dispatcher.registry().all()).extracting(RemoteMethod::key).containsExactlyInAnyOrder(
                "ranking.best", "ranking.greet", "ranking.count", "ranking.raw", "ranking.forget", "ranking.getTop",
                "ranking.fail", "ranking.crash", "ranking.checked", "stats.ping");
    }

    @Test
    void aJsonArgumentAndReply() {
        byte[] reply = dispatcher.invoke("ranking.best", json("{\"player\":\"ann\",\"points\":41}"));

        assertThat(text(reply)).isEqualTo("{\"player\":\"ann\",\"points\":42}");
    }

    @Test
    void aProtobufArgumentAndReplyTravelAsProtobufBytes() throws Exception {
        byte[] reply = dispatcher.invoke("ranking.greet", StringValue.of("ann").toByteArray());

        assertThat(StringValue.parseFrom(reply).getValue()).isEqualTo("hello ann");
    }

    @Test
    void aRemoteWithoutArgumentIgnoresThePayload() throws Exception {
        assertThat(Int32Value.parseFrom(dispatcher.invoke("ranking.count", new byte[]{1, 2})).getValue()).isEqualTo(3);
        assertThat(text(dispatcher.invoke("ranking.getTop", new byte[0]))).isEqualTo("[\"ann\",\"bob\"]");
    }

    @Test
    void rawBytesPassAsTheyAreAndVoidAnswersEmpty() {
        assertThat(dispatcher.invoke("ranking.raw", new byte[]{0, 1, 2})).containsExactly(0, 1, 2);
        assertThat(dispatcher.invoke("ranking.forget", json("{}"))).isEmpty();
    }

    @Test
    void anUnknownRouteIsPitayasRouteNotFound() {
        assertThatThrownBy(() -> dispatcher.invoke("ranking.nope", new byte[0]))
                .isInstanceOfSatisfying(PitayaException.class, e -> {
                    assertThat(e.code()).isEqualTo("PIT-404");
                    assertThat(e.getMessage()).isEqualTo("route not found");
                    assertThat(e.metadata()).isEqualTo(Map.of("route", "ranking.nope"));
                });
    }

    @Test
    void anArgumentThatDoesNotDecodeIsABadRequest() {
        assertThatThrownBy(() -> dispatcher.invoke("ranking.best", json("{oops")))
                .isInstanceOfSatisfying(PitayaException.class, e -> assertThat(e.code()).isEqualTo("PIT-400"));
    }

    @Test
    void aPitayaErrorKeepsItsCodeMessageAndMetadata() {
        assertThatThrownBy(() -> dispatcher.invoke("ranking.fail", json("{}")))
                .isInstanceOfSatisfying(PitayaException.class, e -> {
                    assertThat(e.code()).isEqualTo("RANK-1");
                    assertThat(e.getMessage()).isEqualTo("no such board");
                    assertThat(e.metadata()).isEqualTo(Map.of("board", "weekly"));
                });
    }

    @Test
    void anyOtherExceptionIsAnUnknownErrorWithItsMessage() {
        assertThatThrownBy(() -> dispatcher.invoke("ranking.crash", json("{}")))
                .isInstanceOfSatisfying(PitayaException.class, e -> {
                    assertThat(e.code()).isEqualTo("PIT-000");
                    assertThat(e.getMessage()).isEqualTo("index broken");
                });
        assertThatThrownBy(() -> dispatcher.invoke("ranking.checked", new byte[0]))
                .isInstanceOfSatisfying(PitayaException.class, e -> {
                    assertThat(e.code()).isEqualTo("PIT-000");
                    assertThat(e.getMessage()).isEqualTo("disk full");
                });
    }

    @Test
    void shapesARemoteCannotHaveAreRejectedWhenScanned() {
        class TwoArgs {
            public String both(String a, String b) {
                return a + b;
            }
        }
        class WithSession {
            public String who(Session session) {
                return session.uid();
            }
        }
        assertThatThrownBy(() -> RemoteScanner.scan(TwoArgs.class, TwoArgs::new))
                .hasMessageContaining("more than one parameter");
        assertThatThrownBy(() -> RemoteScanner.scan(WithSession.class, WithSession::new))
                .hasMessageContaining("without a session");
    }

    @Test
    void aRouteDeclaredTwiceIsRejected() {
        assertThatThrownBy(() -> RemoteRegistry.builder().remote(new Named(), new Named()))
                .hasMessageContaining("stats.ping is declared twice");
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
