package io.pitaya.core.session;

import io.pitaya.api.PitayaException;
import io.pitaya.api.Registration;
import io.pitaya.api.Session;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bind listeners (Pitaya's OnSessionBind / OnAfterSessionBind), global close listeners and the event bridge. */
class SessionListenersTest {

    private TestServer server = TestServer.start();
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    private SessionPool sessions() {
        return server.sessions();
    }

    /** Records what the CDI bridge would fire. */
    private final class RecordingEvents implements SessionEvents {
        RuntimeException failBinding;
        RuntimeException failBound;

        @Override
        public void binding(Session session, String uid) {
            events.add("event:binding " + uid + " indexed=" + sessions().byUid(uid).filter(s -> s == session).isPresent());
            if (failBinding != null) {
                throw failBinding;
            }
        }

        @Override
        public void bound(Session session, String uid) {
            events.add("event:bound " + uid + " indexed=" + sessions().byUid(uid).filter(s -> s == session).isPresent());
            if (failBound != null) {
                throw failBound;
            }
        }

        @Override
        public void closed(Session session, String reason) {
            events.add("event:closed " + session.id() + " " + session.uid() + " " + reason);
        }
    }

    // --- bind ------------------------------------------------------------------------------------------------

    @Test
    void bindRunsBeforeListenersThenIndexesThenAfterListenersThenEvents() {
        sessions().listeners().events(new RecordingEvents());
        sessions().onBind(s -> events.add("before " + s.uid() + " indexed=" + sessions().byUid("ana").isPresent()));
        sessions().onAfterBind(s -> events.add("after " + s.uid() + " indexed=" + sessions().byUid("ana").isPresent()));
        LinkedSession session = server.connect().ready().session();

        session.bind("ana");

        assertThat(events).containsExactly(
                "before ana indexed=false", "event:binding ana indexed=false",
                "after ana indexed=true", "event:bound ana indexed=true");
        assertThat(sessions().byUid("ana")).containsSame(session);
    }

    @Test
    void aVetoFromABeforeListenerUndoesTheBindAndReachesTheCaller() {
        TestClient older = server.connect().ready();
        older.session().bind("ana");
        AtomicInteger after = new AtomicInteger();
        sessions().onBind(s -> {
            throw new PitayaException("RH-403", "banned", Map.of("uid", s.uid()));
        });
        sessions().onAfterBind(s -> after.incrementAndGet());
        LinkedSession session = server.connect().ready().session();

        assertThatThrownBy(() -> session.bind("ana"))
                .isInstanceOf(PitayaException.class).hasMessage("banned")
                .satisfies(e -> assertThat(((PitayaException) e).code()).isEqualTo("RH-403"))
                .satisfies(e -> assertThat(((PitayaException) e).metadata()).containsEntry("uid", "ana"));

        assertThat(session.uid()).isNull();
        assertThat(session.isBound()).isFalse();
        assertThat(sessions().byUid("ana")).as("the older session keeps the uid").containsSame(older.session());
        assertThat(older.isClosed()).as("a vetoed bind closes no older session").isFalse();
        assertThat(after).hasValue(0);
    }

    @Test
    void aVetoFromTheBindingEventUndoesTheBind() {
        RecordingEvents recording = new RecordingEvents();
        recording.failBinding = new IllegalStateException("no");
        sessions().listeners().events(recording);
        LinkedSession session = server.connect().ready().session();

        assertThatThrownBy(() -> session.bind("ana")).isInstanceOf(IllegalStateException.class).hasMessage("no");

        assertThat(session.uid()).isNull();
        assertThat(sessions().byUid("ana")).isEmpty();
        assertThat(events).containsExactly("event:binding ana indexed=false");
    }

    @Test
    void aSessionWhoseBindWasVetoedCanBindLater() {
        AtomicInteger calls = new AtomicInteger();
        sessions().onBind(s -> {
            if (calls.incrementAndGet() == 1) {
                throw new PitayaException("RH-001", "try again");
            }
        });
        LinkedSession session = server.connect().ready().session();
        assertThatThrownBy(() -> session.bind("ana")).hasMessage("try again");

        session.bind("bob");

        assertThat(session.uid()).isEqualTo("bob");
        assertThat(sessions().byUid("bob")).containsSame(session);
    }

    @Test
    void aFailingAfterListenerUndoesTheBindAsInPitaya() {
        RecordingEvents recording = new RecordingEvents();
        sessions().listeners().events(recording);
        sessions().onAfterBind(s -> {
            throw new PitayaException("RH-500", "storage down");
        });
        LinkedSession session = server.connect().ready().session();

        assertThatThrownBy(() -> session.bind("ana")).hasMessage("storage down");

        assertThat(session.uid()).isNull();
        assertThat(sessions().byUid("ana")).as("not left indexed").isEmpty();
        assertThat(events).as("later observers do not run").containsExactly("event:binding ana indexed=false");
    }

    @Test
    void aFailingBoundEventUndoesTheBind() {
        RecordingEvents recording = new RecordingEvents();
        recording.failBound = new PitayaException("RH-500", "observer failed");
        sessions().listeners().events(recording);
        LinkedSession session = server.connect().ready().session();

        assertThatThrownBy(() -> session.bind("ana")).hasMessage("observer failed");

        assertThat(session.uid()).isNull();
        assertThat(sessions().byUid("ana")).isEmpty();
    }

    @Test
    void beforeListenersSeeTheUidAndASecondBindMeanwhileIsRefused() {
        LinkedSession session = server.connect().ready().session();
        List<String> seen = new ArrayList<>();
        sessions().onBind(s -> {
            seen.add(s.uid() + " bound=" + s.isBound());
            assertThatThrownBy(() -> s.bind("other")).hasMessage("session is already bound to an uid");
        });

        session.bind("ana");

        assertThat(seen).containsExactly("ana bound=true");
        assertThat(session.uid()).isEqualTo("ana");
    }

    @Test
    void theOlderSessionOfTheUidClosesBetweenBeforeAndAfterListeners() {
        TestClient older = server.connect().ready();
        older.session().bind("ana");
        sessions().onBind(s -> events.add("before: older closed=" + older.isClosed()));
        sessions().onAfterBind(s -> events.add("after: older closed=" + older.isClosed()));

        server.connect().ready().session().bind("ana");

        assertThat(events).containsExactly("before: older closed=false", "after: older closed=true");
    }

    @Test
    void aSessionClosedWhileItsBeforeListenersRunIsNotBound() {
        TestClient client = server.connect().ready();
        LinkedSession session = client.session();
        sessions().onBind(s -> client.agent().close("gone meanwhile"));

        assertThatThrownBy(() -> session.bind("ana")).isInstanceOf(PitayaException.class).hasMessage("session is closed");

        assertThat(sessions().byUid("ana")).isEmpty();
        assertThat(session.uid()).isNull();
    }

    @Test
    void listenersRegisteredTwiceRunOnceAndRegistrationsCanBeRemoved() {
        AtomicInteger count = new AtomicInteger();
        Consumer<Session> listener = s -> count.incrementAndGet();
        Registration first = sessions().onBind(listener);
        sessions().onBind(listener);
        server.connect().ready().session().bind("a");
        assertThat(count).hasValue(1);

        first.remove();
        first.remove(); // harmless
        server.connect().ready().session().bind("b");
        assertThat(count).hasValue(1);
    }

    // --- close -----------------------------------------------------------------------------------------------

    @Test
    void globalCloseListenersRunForEverySessionAfterItsOwnCallbacksThenTheEvent() throws Exception {
        sessions().listeners().events(new RecordingEvents());
        sessions().onClose(s -> events.add("global " + s.id() + " " + s.uid() + " closed=" + s.isClosed()));
        sessions().onClose(s -> {
            throw new IllegalStateException("a failing listener must not stop the others (expected by the test)");
        });
        sessions().onClose(s -> events.add("global2 " + s.id()));
        TestClient bound = server.connect().ready();
        bound.session().bind("ana");
        bound.session().onClose(() -> events.add("own " + bound.id()));
        TestClient unbound = server.connect();
        events.clear();

        bound.session().kick();
        unbound.agent().onClosed();

        assertThat(sessions().gate().awaitCloseWork(Duration.ofSeconds(5))).isTrue();
        assertThat(events).containsExactly(
                "own " + bound.id(),
                "global " + bound.id() + " ana closed=true",
                "global2 " + bound.id(),
                "event:closed " + bound.id() + " ana kicked",
                "global " + unbound.id() + " null closed=true",
                "global2 " + unbound.id(),
                "event:closed " + unbound.id() + " null connection closed by peer");
    }

    @Test
    void closeListenersRunOnTheSessionsMailboxAndShutdownCanWaitForThem() throws Exception {
        server.close();
        server = TestServer.builder().pool(2).start();
        CountDownLatch release = new CountDownLatch(1);
        List<String> done = new CopyOnWriteArrayList<>();
        sessions().onClose(s -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.add(Thread.currentThread().getName());
        });
        TestClient client = server.connect().ready();
        client.session().close();

        assertThat(sessions().gate().closeWorkPending()).isEqualTo(1);
        assertThat(sessions().gate().awaitCloseWork(Duration.ofMillis(100))).as("still running").isFalse();
        release.countDown();
        assertThat(sessions().gate().awaitCloseWork(Duration.ofSeconds(5))).isTrue();
        assertThat(sessions().gate().closeWorkPending()).isZero();
        assertThat(done).hasSize(1);
        assertThat(done.get(0)).as("ran on the pool, not on the closing thread").isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void closeListenersRunEvenWhenTheExecutorRefusesWork() throws Exception {
        server.close();
        server = TestServer.builder().executor(task -> {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }).start();
        AtomicInteger runs = new AtomicInteger();
        sessions().onClose(s -> runs.incrementAndGet());
        TestClient client = server.connect();
        client.session().onClose(runs::incrementAndGet);

        client.agent().onClosed();

        assertThat(runs).hasValue(2);
        assertThat(sessions().gate().awaitCloseWork(Duration.ZERO)).isTrue();
    }
    @Test
    void closeWorkRunsInsideTheInvocationScopeOfTheClosedSession() throws Exception {
        List<String> scopes = new CopyOnWriteArrayList<>();
        ThreadLocal<Session> current = new ThreadLocal<>();
        sessions().listeners().closeScope(new io.pitaya.core.handler.InvocationScope() {
            @Override
            public <T> T call(Session session, java.util.function.Supplier<T> work) {
                scopes.add("enter " + session.id());
                current.set(session);
                try {
                    return work.get();
                } finally {
                    current.remove();
                    scopes.add("leave " + session.id());
                }
            }
        });
        sessions().onClose(s -> scopes.add("global sees " + current.get().id()));
        TestClient client = server.connect().ready();
        LinkedSession session = client.session();
        session.onClose(() -> scopes.add("callback sees " + current.get().id()));

        session.close();
        session.onClose(() -> scopes.add("late callback sees " + current.get().id()));

        long id = client.id();
        assertThat(scopes).containsExactly("enter " + id, "callback sees " + id, "global sees " + id, "leave " + id,
                "enter " + id, "late callback sees " + id, "leave " + id);
    }

    @Test
    void closeWorkStillRunsWhenTheScopeCannotBeEntered() throws Exception {
        sessions().listeners().closeScope(new io.pitaya.core.handler.InvocationScope() {
            @Override
            public <T> T call(Session session, java.util.function.Supplier<T> work) {
                throw new IllegalStateException("the application is going away");
            }
        });
        AtomicInteger runs = new AtomicInteger();
        sessions().onClose(s -> runs.incrementAndGet());
        TestClient client = server.connect().ready();
        client.session().onClose(runs::incrementAndGet);

        client.session().close();

        assertThat(runs).hasValue(2);
        assertThat(sessions().gate().awaitCloseWork(Duration.ofSeconds(1))).isTrue();
    }
}
