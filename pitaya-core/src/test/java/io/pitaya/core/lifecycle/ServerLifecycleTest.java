package io.pitaya.core.lifecycle;

import io.pitaya.api.Component;
import io.pitaya.core.group.GroupService;
import io.pitaya.core.group.GroupServiceContext;
import io.pitaya.core.group.MemoryGroups;
import io.pitaya.core.group.ServiceGroups;
import io.pitaya.core.serialize.JsonSerializer;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.RecordingModule;
import io.pitaya.core.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pitaya's startup and shutdown order (PROTOCOL.md §8), components ordered by priority. */
class ServerLifecycleTest {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private TestServer server = TestServer.builder().pool(2).unstarted().start();
    private final MemoryGroups groups = new MemoryGroups(server.sessions(), new JsonSerializer());

    @AfterEach
    void stop() {
        groups.stopJanitor();
        server.close();
    }

    /** Records its hooks; fails in the hook named {@code failIn}. */
    private final class Recording implements Component {
        final String name;
        final String failIn;

        Recording(String name, String failIn) {
            this.name = name;
            this.failIn = failIn;
        }

        private void hook(String hook) {
            events.add(hook + " " + name);
            if (hook.equals(failIn)) {
                throw new IllegalStateException(name + " fails in " + hook + " (expected by the test)");
            }
        }

        @Override
        public void init() {
            hook("init");
        }

        @Override
        public void afterInit() {
            hook("afterInit");
        }

        @Override
        public void beforeShutdown() {
            hook("beforeShutdown");
        }

        @Override
        public void shutdown() {
            hook("shutdown");
        }
    }

    private Components.Entry entry(String name, int priority) {
        return entry(name, priority, "");
    }

    private Components.Entry entry(String name, int priority, String failIn) {
        return new Components.Entry(name, priority, new Recording(name, failIn));
    }

    private ServerLifecycle lifecycle(LifecycleConfig config, Components.Entry... entries) {
        return new ServerLifecycle(config, server.server(), server.serverStart(),
                RecordingModule.of(events, server.sessions()), new Components(List.of(entries)), groups);
    }

    @Test
    void componentsAreOrderedByPriorityThenName() {
        Components components = new Components(List.of(entry("c", 10), entry("b", Components.DEFAULT_PRIORITY),
                entry("a", Components.DEFAULT_PRIORITY), entry("z", 1)));
        assertThat(components.ordered()).extracting(Components.Entry::name).containsExactly("z", "c", "a", "b");
    }

    @Test
    void startRunsAllInitThenAllAfterInitThenOpensTheServer() {
        ServerLifecycle lifecycle = lifecycle(LifecycleConfig.defaults(), entry("second", 20), entry("first", 10));

        lifecycle.start();

        assertThat(events).containsExactly("init first", "init second", "afterInit first", "afterInit second", "server started");
        assertThatThrownBy(lifecycle::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stopClosesEverySessionAndWaitsForItsCallbacksBeforeTheShutdownHooksInReverse() {
        ServerLifecycle lifecycle = lifecycle(LifecycleConfig.defaults(), entry("second", 20), entry("first", 10));
        lifecycle.start();
        events.clear();
        TestClient a = server.connect().ready();
        TestClient b = server.connect().ready();
        a.session().bind("a");
        for (TestClient client : List.of(a, b)) {
            long id = client.id();
            client.session().onClose(() -> {
                sleep(200); // slow callbacks: shutdown must still wait for them
                events.add("closed " + id);
            });
        }
        server.sessions().onClose(s -> events.add("global closed " + s.id()));

        lifecycle.stop();

        assertThat(events.subList(0, 1)).containsExactly("before drain: 2 sessions");
        assertThat(events.subList(1, 5)).containsExactlyInAnyOrder(
                "closed " + a.id(), "global closed " + a.id(), "closed " + b.id(), "global closed " + b.id());
        assertThat(events.subList(5, events.size())).containsExactly("modules stopped",
                "beforeShutdown second", "beforeShutdown first", "shutdown second", "shutdown first");
        assertThat(a.isClosed()).isTrue();
        assertThat(b.isClosed()).isTrue();
        assertThat(server.sessions().count()).isZero();

        events.clear();
        lifecycle.stop(); // once only
        assertThat(events).isEmpty();
    }

    @Test
    void shutdownWaitsForCloseCallbacksOnlyUpToTheTimeout() {
        LifecycleConfig config = new LifecycleConfig(false, Duration.ofHours(6), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofMillis(100));
        ServerLifecycle lifecycle = lifecycle(config, entry("c", 1));
        lifecycle.start();
        TestClient client = server.connect().ready();
        client.session().onClose(() -> sleep(2_000));
        long start = System.nanoTime();

        lifecycle.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
        assertThat(events).contains("shutdown c");
    }

    @Test
    void aFailingInitShutsDownTheComponentsAlreadyInitialisedAndFailsTheStart() {
        ServerLifecycle lifecycle = lifecycle(LifecycleConfig.defaults(), entry("a", 1), entry("b", 2, "init"), entry("c", 3));

        assertThatThrownBy(lifecycle::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("b fails in init");

        assertThat(events).containsExactly("init a", "init b", "beforeShutdown a", "shutdown a");
        events.clear();
        lifecycle.stop(); // never started: nothing to do
        assertThat(events).isEmpty();
    }

    @Test
    void aFailingAfterInitShutsDownEveryInitialisedComponent() {
        ServerLifecycle lifecycle = lifecycle(LifecycleConfig.defaults(), entry("a", 1, "afterInit"), entry("b", 2));

        assertThatThrownBy(lifecycle::start).isInstanceOf(IllegalStateException.class);

        assertThat(events).containsExactly("init a", "init b", "afterInit a", "beforeShutdown b", "beforeShutdown a",
                "shutdown b", "shutdown a");
    }

    @Test
    void failingShutdownHooksAreLoggedAndTheOthersStillRun() {
        ServerLifecycle lifecycle = lifecycle(LifecycleConfig.defaults(), entry("a", 1, "beforeShutdown"), entry("b", 2, "shutdown"));
        lifecycle.start();
        events.clear();

        lifecycle.stop();

        assertThat(events).containsExactly("before drain: 0 sessions", "modules stopped", "beforeShutdown b",
                "beforeShutdown a", "shutdown b", "shutdown a");
    }

    @Test
    void theGroupJanitorRunsWhileTheServerRuns() throws Exception {
        LifecycleConfig config = new LifecycleConfig(false, Duration.ofHours(6), Duration.ofSeconds(5),
                Duration.ofMillis(20), Duration.ofSeconds(10));
        ServerLifecycle lifecycle = lifecycle(config);
        lifecycle.start();
        groups.createWithTTL("short", Duration.ofMillis(10));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (exists("short") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(exists("short")).as("expired group deleted by the janitor").isFalse();

        lifecycle.stop();
        groups.createWithTTL("later", Duration.ofMillis(10));
        Thread.sleep(150);
        assertThat(exists("later")).as("no janitor after stop").isTrue();
    }

    @Test
    void aGroupServiceThatCannotStartFailsTheStartBeforeAnyComponent() {
        List<String> calls = new CopyOnWriteArrayList<>();
        ServiceGroups unreachable = new ServiceGroups(new UnreachableStore(calls), server.sessions(), new JsonSerializer());
        ServerLifecycle lifecycle = new ServerLifecycle(LifecycleConfig.defaults(), server.server(), server.serverStart(),
                RecordingModule.of(events, server.sessions()), new Components(List.of(entry("a", 1))), unreachable);

        assertThatThrownBy(lifecycle::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("the group service cannot start: etcd is down");
        assertThat(events).as("no component initialised, server not started").isEmpty();
        assertThat(calls).containsExactly("start", "stop");
    }

    /** A group service whose start fails as an unreachable store's does. */
    private record UnreachableStore(List<String> calls) implements GroupService {
        @Override
        public void start(GroupServiceContext context) throws java.io.IOException {
            calls.add("start");
            throw new java.io.IOException("etcd is down");
        }

        @Override
        public void stop() {
            calls.add("stop");
        }

        @Override public void create(String group) { throw new UnsupportedOperationException(); }
        @Override public void createWithTTL(String group, Duration ttl) { throw new UnsupportedOperationException(); }
        @Override public boolean createIfAbsent(String group) { throw new UnsupportedOperationException(); }
        @Override public void add(String group, String uid) { throw new UnsupportedOperationException(); }
        @Override public void remove(String group, String uid) { throw new UnsupportedOperationException(); }
        @Override public List<String> members(String group) { throw new UnsupportedOperationException(); }
        @Override public boolean contains(String group, String uid) { throw new UnsupportedOperationException(); }
        @Override public int count(String group) { throw new UnsupportedOperationException(); }
        @Override public void removeAll(String group) { throw new UnsupportedOperationException(); }
        @Override public void renewTTL(String group) { throw new UnsupportedOperationException(); }
        @Override public void delete(String group) { throw new UnsupportedOperationException(); }
        @Override public java.util.SortedMap<String, Integer> sizes() { throw new UnsupportedOperationException(); }
    }

    private boolean exists(String group) {
        try {
            groups.count(group);
            return true;
        } catch (io.pitaya.api.PitayaException notFound) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
