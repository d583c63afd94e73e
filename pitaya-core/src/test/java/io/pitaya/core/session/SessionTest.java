package io.pitaya.core.session;

import io.pitaya.api.Handler;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Session;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import io.pitaya.protocol.Hex;
import io.pitaya.protocol.message.Message;
import io.pitaya.protocol.message.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionTest {

    private TestServer server = TestServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private SessionPool sessions() {
        return server.sessions();
    }

    // --- bind --------------------------------------------------------------------------------------------

    @Test
    void bindSetsTheUidAndIndexesTheSession() {
        TestClient client = server.connect().ready();
        LinkedSession session = client.session();
        assertThat(session.uid()).isNull();
        assertThat(session.isBound()).isFalse();

        session.bind("user-1");

        assertThat(session.uid()).isEqualTo("user-1");
        assertThat(session.isBound()).isTrue();
        assertThat(sessions().byUid("user-1")).containsSame(session);
        assertThat(sessions().byUid("user-2")).isEmpty();
        assertThat(session.toString()).isEqualTo("Session[id=" + session.id() + ", uid=user-1]");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t"})
    void emptyUidIsIllegal(String uid) {
        LinkedSession session = server.connect().ready().session();
        assertThatThrownBy(() -> session.bind(uid))
                .isInstanceOf(PitayaException.class).hasMessage("illegal uid");
        assertThat(session.uid()).isNull();
    }

    @Test
    void secondBindIsRefused() {
        LinkedSession session = server.connect().ready().session();
        session.bind("a");
        assertThatThrownBy(() -> session.bind("b"))
                .isInstanceOf(PitayaException.class).hasMessage("session is already bound to an uid");
        assertThatThrownBy(() -> session.bind("a"))
                .isInstanceOf(PitayaException.class).hasMessage("session is already bound to an uid");
        assertThat(session.uid()).isEqualTo("a");
        assertThat(sessions().byUid("b")).isEmpty();
    }

    @Test
    void bindingAUidHeldByAnotherSessionClosesTheOlderOne() {
        TestClient older = server.connect().ready();
        TestClient newer = server.connect().ready();
        LinkedSession oldSession = older.session();
        LinkedSession newSession = newer.session();
        oldSession.bind("player");

        newSession.bind("player");

        assertThat(older.isClosed()).isTrue();
        assertThat(oldSession.isClosed()).isTrue();
        assertThat(older.agent().closeReason()).contains("bound by a newer session");
        assertThat(newer.isClosed()).isFalse();
        assertThat(newSession.isClosed()).isFalse();
        assertThat(sessions().byUid("player")).containsSame(newSession);
        assertThat(sessions().count()).isEqualTo(1);
    }

    @Test
    void lateCloseOfTheOldSessionKeepsTheNewerOneIndexed() {
        // Pitaya #251/#313: a quick reconnect must not be unindexed when the old connection finally goes away
        TestClient older = server.connect().ready();
        LinkedSession oldSession = older.session();
        oldSession.bind("player");
        TestClient newer = server.connect().ready();
        LinkedSession newSession = newer.session();
        newSession.bind("player");

        older.agent().onClosed();          // the transport reports the old connection's end afterwards
        older.agent().close("late");
        sessions().closed(oldSession);

        assertThat(sessions().byUid("player")).containsSame(newSession);

        newer.agent().close("bye");
        assertThat(sessions().byUid("player")).isEmpty();
    }

    @Test
    void closingABoundSessionUnindexesItsUid() {
        TestClient client = server.connect().ready();
        client.session().bind("u");
        client.agent().onClosed();
        assertThat(sessions().byUid("u")).isEmpty();
        assertThat(sessions().byId(client.id())).isEmpty();
    }

    @Test
    void bindAfterCloseFailsAndLeaksNothing() {
        TestClient client = server.connect().ready();
        LinkedSession session = client.session();
        session.close();

        assertThatThrownBy(() -> session.bind("ghost"))
                .isInstanceOf(PitayaException.class).hasMessage("session is closed");
        assertThat(sessions().byUid("ghost")).isEmpty();
        assertThat(session.uid()).isNull();
    }

    @Test
    void bindRacingCloseNeverLeavesAClosedSessionIndexed() throws Exception {
        // Pitaya #452/#454: a uid bound while the session closes must not stay in the uid index.
        // Two threads released together, many times over; without a guard a good share of rounds leak.
        int rounds = 3_000;
        AtomicReference<TestClient> current = new AtomicReference<>();
        AtomicInteger phase = new AtomicInteger();
        Thread closer = new Thread(() -> {
            for (int i = 0; i < rounds; i++) {
                if (!spinUntil(phase, 2 * i + 1, true)) {
                    return;
                }
                current.get().agent().close("race");
                phase.incrementAndGet();
            }
        });
        closer.setDaemon(true);
        closer.start();
        List<String> leaked = new ArrayList<>();
        try {
            for (int i = 0; i < rounds; i++) {
                TestClient client = server.connect();
                LinkedSession session = client.session();
                current.set(client);
                String uid = "u" + i;
                phase.incrementAndGet();
                try {
                    session.bind(uid);
                } catch (PitayaException closed) {
                    assertThat(closed).hasMessage("session is closed");
                }
                assertThat(spinUntil(phase, 2 * i + 2, false)).as("closer finished round %d", i).isTrue();
                if (sessions().byUid(uid).isPresent()) {
                    leaked.add(uid);
                }
            }
        } finally {
            closer.interrupt();
        }
        assertThat(leaked).as("uids left indexed by closed sessions").isEmpty();
        assertThat(sessions().count()).isZero();
    }

    private static boolean spinUntil(AtomicInteger phase, int value, boolean hot) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (phase.get() != value) {
            if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                return false;
            }
            if (hot) {
                Thread.onSpinWait(); // react at once, to race the other thread as closely as possible
            } else {
                Thread.yield(); // the other thread may need this core
            }
        }
        return true;
    }

    // --- close -------------------------------------------------------------------------------------------

    @Test
    void closeClosesTheConnection() {
        TestClient client = server.connect().ready();
        LinkedSession session = client.session();
        assertThat(session.isClosed()).isFalse();

        session.close();

        assertThat(session.isClosed()).isTrue();
        assertThat(client.isClosed()).isTrue();
        assertThat(client.agent().closeReason()).isEqualTo("closed by the application");
        assertThat(sessions().count()).isZero();
    }

    @Test
    void closeCallbacksRunExactlyOnceInRegistrationOrder() {
        TestClient client = server.connect().ready();
        LinkedSession session = client.session();
        List<String> events = new CopyOnWriteArrayList<>();
        session.onClose(() -> events.add("first"));
        session.onClose(() -> {
            events.add("failing");
            throw new IllegalStateException("callback failure must not stop the others");
        });
        session.onClose(() -> events.add("third"));
        assertThat(events).isEmpty();

        session.close();
        client.agent().onClosed();
        session.close();
        sessions().closed(session);

        assertThat(events).containsExactly("first", "failing", "third");
    }

    @Test
    void onCloseOfAClosedSessionRunsTheCallback() {
        LinkedSession session = server.connect().ready().session();
        session.close();
        AtomicInteger runs = new AtomicInteger();

        session.onClose(runs::incrementAndGet);

        assertThat(runs).hasValue(1);
    }

    @Handler("slow")
    public static class Slow {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);

        public void first() throws InterruptedException {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            events.add("first");
        }

        public void second() {
            events.add("second");
        }
    }

    @Test
    void closeCallbacksRunAfterTheMessagesAlreadyQueued() throws Exception {
        server.close();
        Slow slow = new Slow();
        server = TestServer.builder().pool(4).handler(slow).start();
        TestClient client = server.connect().ready();
        LinkedSession session = client.session();
        CountDownLatch callbackRan = new CountDownLatch(1);
        session.onClose(() -> {
            slow.events.add("closed");
            callbackRan.countDown();
        });
        client.notify("slow.first", "{}");
        assertThat(slow.entered.await(5, TimeUnit.SECONDS)).isTrue();
        client.notify("slow.second", "{}");

        client.agent().onClosed();
        assertThat(session.isClosed()).isTrue();
        assertThat(slow.events).as("callback ran while a message was being handled").isEmpty();
        slow.release.countDown();

        assertThat(callbackRan.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(slow.events).containsExactly("first", "second", "closed");
    }

    // --- data --------------------------------------------------------------------------------------------

    @Test
    void dataCanBeSetReadTypedRemovedAndCleared() {
        LinkedSession session = server.connect().ready().session();
        session.set("name", "ana");
        session.set("level", 7);
        session.set("vip", true);

        assertThat(session.get("name")).isEqualTo("ana");
        assertThat(session.get("level", Integer.class)).contains(7);
        assertThat(session.get("level", String.class)).isEmpty();
        assertThat(session.get("vip", Boolean.class)).contains(true);
        assertThat(session.get("missing", String.class)).isEmpty();
        assertThat(session.get("missing")).isNull();

        Map<String, Object> copy = session.data();
        copy.put("sneaky", 1);
        assertThat(session.get("sneaky")).isNull();
        assertThat(session.data()).containsEntry("name", "ana").containsEntry("level", 7)
                .containsEntry("ipversion", "ipv4");

        session.set("name", null);
        assertThat(session.get("name")).isNull();
        session.remove("level");
        assertThat(session.get("level")).isNull();
        assertThat(session.data()).containsOnlyKeys("vip", "ipversion");

        session.clear();
        assertThat(session.data()).isEmpty();
    }

    // --- push --------------------------------------------------------------------------------------------

    @Test
    void pushWritesAPushMessageWithTheRouteAndJsonPayload() {
        TestClient client = server.connect().ready();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("name", "a");
        payload.put("content", "hi");

        assertThat(client.session().push("onMessage", payload)).isTrue();

        // PROTOCOL.md §2 test vector
        assertThat(Hex.hex(client.nextFrame())).isEqualTo(
                "04000026" + "06" + "09" + "6f6e4d657373616765" + "7b226e616d65223a2261222c22636f6e74656e74223a226869227d");
    }

    @Test
    void pushOfBytesSendsThemRaw() {
        TestClient client = server.connect().ready();
        client.session().push("bin", new byte[]{1, 2, 3});
        Message m = client.nextMessage();
        assertThat(m.type()).isEqualTo(MessageType.PUSH);
        assertThat(m.route()).isEqualTo("bin");
        assertThat(m.data()).containsExactly(1, 2, 3);
    }

    @Test
    void pushAfterCloseReturnsFalse() {
        TestClient client = server.connect().ready();
        LinkedSession session = client.session();
        session.close();
        assertThat(session.push("onMessage", Map.of("a", 1))).isFalse();
        client.connection().assertNothingMoreWritten();
    }

    // --- registry ----------------------------------------------------------------------------------------

    @Test
    void registryFindsSessionsByIdAndCountsThem() {
        TestClient a = server.connect().ready();
        TestClient b = server.connect();
        assertThat(b.id()).isEqualTo(a.id() + 1);
        assertThat(sessions().count()).isEqualTo(2);
        Session sa = sessions().byId(a.id()).orElseThrow();
        assertThat(sa).isSameAs(a.session());
        assertThat(sa.id()).isEqualTo(a.id());
        assertThat(sessions().all()).containsExactlyInAnyOrder(a.session(), b.session());
        assertThat(sessions().byId(999)).isEmpty();
    }

    @Test
    void sessionIdsStartAtOne() {
        assertThat(new SessionPool().nextId()).isEqualTo(1);
        assertThat(server.connect().id()).isEqualTo(1);
    }
}
