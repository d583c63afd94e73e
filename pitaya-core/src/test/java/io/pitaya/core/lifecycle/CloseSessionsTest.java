package io.pitaya.core.lifecycle;

import io.pitaya.api.Component;
import io.pitaya.api.Handler;
import io.pitaya.core.group.MemoryGroups;
import io.pitaya.core.module.Modules;
import io.pitaya.core.serialize.JsonSerializer;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.RecordingModule;
import io.pitaya.core.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ServerLifecycle#closeSessions()}: the first step of the shutdown, which an acceptor that the container stops
 * before the core runs on its own thread, earlier than {@link ServerLifecycle#stop()}.
 */
class CloseSessionsTest {

    @Handler("svc")
    public static class Svc {
        public String ping() {
            return "pong";
        }
    }

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final TestServer server = TestServer.builder().handler(new Svc()).pool(2).unstarted().start();
    private final MemoryGroups groups = new MemoryGroups(server.sessions(), new JsonSerializer());

    @AfterEach
    void stop() {
        groups.stopJanitor();
        server.close();
    }

    private ServerLifecycle lifecycle(boolean drain, Duration drainTimeout) {
        LifecycleConfig config = new LifecycleConfig(drain, drainTimeout, Duration.ofMillis(50), Duration.ofSeconds(30),
                Duration.ofSeconds(10));
        Component component = new Component() {
            @Override
            public void beforeShutdown() {
                events.add("beforeShutdown");
            }
        };
        return new ServerLifecycle(config, server.server(), server.serverStart(),
                RecordingModule.of(events, server.sessions()),
                new Components(List.of(new Components.Entry("c", 1, component))), groups);
    }

    @Test
    void closeSessionsDrainsAndClosesTheRestThenStopOnlyStopsTheModulesAndComponents() {
        ServerLifecycle lifecycle = lifecycle(true, Duration.ofMillis(300));
        lifecycle.start();
        TestClient stays = server.connect().ready();
        stays.session().onClose(() -> events.add("callback: " + stays.agent().closeReason()));
        events.clear();

        lifecycle.closeSessions();

        assertThat(events).containsExactly("before drain: 1 sessions", "callback: server shutting down");
        assertThat(stays.isClosed()).isTrue();
        assertThat(lifecycle.isClosingSessions()).isTrue();
        assertThatThrownBy(server::connect).as("refused after the sessions closed").isInstanceOf(IllegalStateException.class);

        lifecycle.closeSessions(); // once only
        lifecycle.stop();

        assertThat(events).containsExactly("before drain: 1 sessions", "callback: server shutting down", "modules stopped",
                "beforeShutdown");
    }

    @Test
    void duringTheDrainConnectedSessionsAreServedAndNewcomersRefused() throws Exception {
        ServerLifecycle lifecycle = lifecycle(true, Duration.ofSeconds(10));
        lifecycle.start();
        TestClient player = server.connect().ready();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(lifecycle::closeSessions);
        awaitTrue(lifecycle::isClosingSessions);

        player.request(1, "svc.ping", "{}");
        assertThat(player.response(1)).isEqualTo("\"pong\"");
        assertThatThrownBy(server::connect).isInstanceOf(IllegalStateException.class);
        assertThat(closing).isNotDone();

        long left = System.nanoTime();
        player.agent().onClosed(); // the player leaves on its own
        closing.get(5, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - left)).as("the drain ends once the last session left")
                .isLessThan(Duration.ofSeconds(2));
        assertThat(events).doesNotContain("beforeShutdown");
    }

    @Test
    void aSecondCallerWaitsForTheFirstToFinish() throws Exception {
        ServerLifecycle lifecycle = lifecycle(true, Duration.ofMillis(400));
        lifecycle.start();
        TestClient stays = server.connect().ready();
        CountDownLatch callback = new CountDownLatch(1);
        stays.session().onClose(callback::countDown);
        CompletableFuture<Void> first = CompletableFuture.runAsync(lifecycle::closeSessions);
        awaitTrue(lifecycle::isClosingSessions);

        lifecycle.stop(); // like the core's own shutdown arriving while an acceptor's call drains

        assertThat(first).succeedsWithin(Duration.ofSeconds(5)); // its caller returns just after it signals the second
        assertThat(stays.isClosed()).isTrue();
        assertThat(callback.getCount()).as("close callbacks done before the components' hooks").isZero();
        assertThat(events).containsSubsequence("before drain: 1 sessions", "modules stopped", "beforeShutdown");
        assertThat(events).filteredOn(e -> e.startsWith("before drain")).hasSize(1);
    }

    @Test
    void withoutDrainTheSessionsCloseAtOnce() {
        ServerLifecycle lifecycle = lifecycle(false, Duration.ofHours(6));
        lifecycle.start();
        TestClient player = server.connect().ready();
        long start = System.nanoTime();

        lifecycle.closeSessions();

        assertThat(player.isClosed()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void closeSessionsDoesNothingBeforeStartOrAfterStop() {
        ServerLifecycle lifecycle = lifecycle(false, Duration.ofHours(6));
        lifecycle.closeSessions();
        assertThat(events).isEmpty();
        assertThat(lifecycle.isClosingSessions()).isFalse();

        lifecycle.start();
        lifecycle.stop();
        events.clear();
        lifecycle.closeSessions();
        assertThat(events).isEmpty();
    }

    @Test
    void aSecondCallerWaitsAtMostTheDrainPlusTheCloseTimeout() {
        LifecycleConfig config = new LifecycleConfig(true, Duration.ofMillis(100), Duration.ofMillis(50),
                Duration.ofSeconds(30), Duration.ofMillis(200));
        ServerLifecycle lifecycle = new ServerLifecycle(config, server.server(), server.serverStart(),
                new Modules(List.of()), new Components(List.of()), groups);
        assertThat(lifecycle.closeSessionsBound()).isGreaterThanOrEqualTo(Duration.ofMillis(300))
                .isLessThan(Duration.ofSeconds(10));
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(5);
        }
    }
}
