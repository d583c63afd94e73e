package io.pitaya.core.lifecycle;

import io.pitaya.api.Handler;
import io.pitaya.core.group.MemoryGroups;
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
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ServerLifecycle#drainSessions()}: the session drain of a stop the server may come back from (the TCP
 * adapter's endpoint is deactivated when the container suspends the server, which it may resume), and how the TCP
 * adapter reaches it ({@link CoreReadiness}).
 */
class DrainSessionsTest {

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
        CoreReadiness.stopped();
        groups.stopJanitor();
        server.close();
    }

    private ServerLifecycle lifecycle(boolean drain, Duration drainTimeout) {
        LifecycleConfig config = new LifecycleConfig(drain, drainTimeout, Duration.ofMillis(50), Duration.ofSeconds(30),
                Duration.ofSeconds(10));
        ServerLifecycle lifecycle = new ServerLifecycle(config, server.server(), server.serverStart(),
                RecordingModule.of(events, server.sessions()), new Components(List.of()), groups);
        lifecycle.start();
        events.remove("server started");
        return lifecycle;
    }

    @Test
    void refusesNewcomersServesThePlayersClosesTheRestAtTheTimeoutThenAcceptsAgain() throws Exception {
        ServerLifecycle lifecycle = lifecycle(true, Duration.ofMillis(500));
        TestClient stays = server.connect().ready();
        stays.session().onClose(() -> events.add("callback: " + stays.agent().closeReason()));
        long start = System.nanoTime();
        CompletableFuture<Void> drain = CompletableFuture.runAsync(lifecycle::drainSessions);
        awaitTrue(() -> !lifecycle.isAccepting());

        assertThatThrownBy(server::connect).isInstanceOf(IllegalStateException.class);
        stays.request(1, "svc.ping", "{}");
        assertThat(stays.response(1)).isEqualTo("\"pong\"");
        drain.get(5, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(stays.isClosed()).isTrue();
        assertThat(events).as("closed and its callback done, the server itself still running")
                .containsExactly("callback: server shutting down");
        assertThat(lifecycle.isAccepting()).isTrue();
        TestClient next = server.connect().ready();
        next.request(2, "svc.ping", "{}");
        assertThat(next.response(2)).isEqualTo("\"pong\"");
    }

    @Test
    void endsOnceTheLastSessionLeaves() throws Exception {
        ServerLifecycle lifecycle = lifecycle(true, Duration.ofSeconds(30));
        TestClient leaves = server.connect().ready();
        CompletableFuture<Void> drain = CompletableFuture.runAsync(lifecycle::drainSessions);
        awaitTrue(() -> !lifecycle.isAccepting());
        long left = System.nanoTime();

        leaves.agent().onClosed();

        drain.get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - left)).isLessThan(Duration.ofSeconds(2));
        assertThat(lifecycle.isAccepting()).isTrue();
    }

    @Test
    void withoutSessionDrainItDoesNothing() {
        ServerLifecycle lifecycle = lifecycle(false, Duration.ofHours(6));
        TestClient player = server.connect().ready();

        lifecycle.drainSessions();

        assertThat(player.isClosed()).as("the adapter closes its own connections afterwards").isFalse();
        assertThat(lifecycle.isAccepting()).isTrue();
    }

    @Test
    void whenTheShutdownDrainsAlreadyItWaitsForItAndNothingIsAcceptedAfterwards() throws Exception {
        ServerLifecycle lifecycle = lifecycle(true, Duration.ofMillis(400));
        TestClient stays = server.connect().ready();
        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(lifecycle::closeSessions);
        awaitTrue(lifecycle::isClosingSessions);

        lifecycle.drainSessions();

        assertThat(shutdown).as("returned once the shutdown closed the sessions").succeedsWithin(Duration.ofSeconds(5));
        assertThat(stays.isClosed()).isTrue();
        assertThat(lifecycle.isAccepting()).isFalse();
        assertThat(events).containsExactly("before drain: 1 sessions");
    }

    @Test
    void aShutdownBeginningDuringTheDrainStaysClosedAfterIt() throws Exception {
        ServerLifecycle lifecycle = lifecycle(true, Duration.ofMillis(300));
        server.connect().ready();
        CompletableFuture<Void> drain = CompletableFuture.runAsync(lifecycle::drainSessions);
        awaitTrue(() -> !lifecycle.isAccepting());

        lifecycle.closeSessions();
        drain.get(5, TimeUnit.SECONDS);

        assertThat(lifecycle.isAccepting()).isFalse();
        assertThatThrownBy(server::connect).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theTcpAdapterSeesTheRunningServerThroughCoreReadiness() throws Exception {
        assertThat(CoreReadiness.isRunning()).isFalse();
        CoreReadiness.drainSessions(); // no server: nothing to do

        ServerLifecycle lifecycle = lifecycle(true, Duration.ofSeconds(30));
        CoreReadiness.running(lifecycle);
        assertThat(CoreReadiness.isRunning()).isTrue();
        TestClient leaves = server.connect().ready();
        CompletableFuture<Void> drain = CompletableFuture.runAsync(CoreReadiness::drainSessions);
        awaitTrue(() -> !CoreReadiness.isRunning());
        leaves.agent().onClosed();
        drain.get(5, TimeUnit.SECONDS);
        assertThat(CoreReadiness.isRunning()).isTrue();

        lifecycle.stop();
        assertThat(CoreReadiness.isRunning()).isFalse();
        CoreReadiness.stopped();
        assertThat(CoreReadiness.isRunning()).isFalse();
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(5);
        }
    }
}
