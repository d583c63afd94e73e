package io.pitaya.core.session;

import io.pitaya.api.Handshake;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Session;
import io.pitaya.core.serialize.JsonSerializer;
import io.pitaya.core.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A session of a player connected to another server (cluster mode): the same type, reaching the player through its link. */
class RemoteSessionTest {

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final SessionPool pool = new SessionPool();

    /** What a remote link to the frontend would send over RPC, recorded; {@code refuse}: it refuses binds and kicks. */
    private final class RecordingLink implements SessionLink {
        private final boolean refuse;

        RecordingLink(boolean refuse) {
            this.refuse = refuse;
        }

        @Override
        public boolean respond(long requestId, byte[] data, boolean error) {
            sent.add("respond " + requestId);
            return true;
        }

        @Override
        public boolean push(String route, byte[] data) {
            sent.add("push " + route + " " + new String(data, StandardCharsets.UTF_8));
            return true;
        }

        @Override
        public void kick() {
            sent.add("kick");
        }

        @Override
        public void kickRemotely() {
            if (refuse) {
                throw new PitayaException(PitayaException.UNKNOWN, "session not found");
            }
            sent.add("kick remotely");
        }

        @Override
        public void close(String reason) {
            sent.add("close " + reason);
        }

        @Override
        public String remoteAddress() {
            return "10.0.0.7:5000";
        }

        @Override
        public Handshake handshake() {
            return null;
        }

        @Override
        public String closeReason() {
            return null;
        }

        @Override
        public void bindRemotely(String uid) {
            if (refuse) {
                throw new IllegalStateException("frontend refused " + uid);
            }
            sent.add("bind " + uid);
        }

        @Override
        public void pushToFront(Map<String, Object> data) {
            sent.add("push to front " + new TreeMap<>(data));
        }
    }

    private LinkedSession remote(String uid, boolean refuse) {
        return pool.remote(42, uid, new RecordingLink(refuse), new JsonSerializer(), Runnable::run);
    }

    @Test
    void pushesKicksAndClosesGoThroughTheLink() {
        LinkedSession session = remote("p1", false);

        assertThat((Session) session).isInstanceOf(Session.class);
        assertThat(session.isLocal()).isFalse();
        assertThat(session.uid()).isEqualTo("p1");
        assertThat(session.remoteAddress()).isEqualTo("10.0.0.7:5000");
        session.push("onMessage", Map.of("msg", "hi"));
        session.kick();
        session.close();

        assertThat(sent).as("a kick waits for the frontend's answer; a close does not")
                .containsExactly("push onMessage {\"msg\":\"hi\"}", "kick remotely", "close closed by the application");
        assertThat(pool.count()).as("not in this server's index").isZero();
    }

    @Test
    void aKickTheFrontendRefusesThrowsItsError() {
        LinkedSession session = remote("p1", true);

        assertThatThrownBy(session::kick).isInstanceOf(PitayaException.class).hasMessage("session not found");
    }

    @Test
    void aBindRunsThisServersListenersThenTakesEffectAtTheFrontend() {
        pool.onBind(s -> sent.add("before-bind listener sees " + s.uid()));
        pool.onAfterBind(s -> sent.add("after-bind listener"));
        LinkedSession session = remote(null, false);

        session.bind("p2");

        assertThat(sent).containsExactly("before-bind listener sees p2", "bind p2", "after-bind listener");
        assertThat(session.uid()).isEqualTo("p2");
        assertThat(pool.byUid("p2")).as("indexed by the frontend, not here").isEmpty();
    }

    @Test
    void aFrontendRefusingTheBindLeavesTheSessionUnbound() {
        LinkedSession session = remote(null, true);

        assertThatThrownBy(() -> session.bind("p3")).hasMessageContaining("frontend refused p3");
        assertThat(session.uid()).isNull();
    }

    @Test
    void pushToFrontSendsTheWholeDataThroughTheLink() {
        LinkedSession session = remote("p4", false);
        session.set("level", 3);
        session.set("name", "ann");

        session.pushToFront();

        assertThat(sent).containsExactly("push to front {level=3, name=ann}");
    }

    @Test
    void aSessionOfThisServerCannotPushToFrontAndReplacingItsDataKeepsNothingElse() {
        TestServer server = TestServer.start();
        try {
            LinkedSession session = server.connect().ready().session();
            session.clear();
            session.set("old", 1);
            session.set("kept", 1);

            assertThatThrownBy(session::pushToFront).isInstanceOf(PitayaException.class)
                    .hasMessage("frontend session can't push to front");
            session.replaceData(Map.of());
            assertThat(session.data()).as("empty data changes nothing, as in Pitaya").containsOnlyKeys("old", "kept");
            session.replaceData(Map.of("kept", 2, "new", "x"));
            assertThat(session.data()).isEqualTo(Map.of("kept", 2, "new", "x"));
        } finally {
            server.close();
        }
    }

    @Test
    void closeCallbacksAreRefusedOnABackendAsInPitaya() {
        LinkedSession session = remote("p5", false);

        assertThatThrownBy(() -> session.onClose(() -> { })).isInstanceOf(PitayaException.class)
                .hasMessage("onclose callbacks are not allowed on backend servers");
    }
}
