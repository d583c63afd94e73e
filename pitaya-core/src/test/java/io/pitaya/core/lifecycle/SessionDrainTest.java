package io.pitaya.core.lifecycle;

import io.pitaya.api.Component;
import io.pitaya.core.group.MemoryGroups;
import io.pitaya.core.module.Modules;
import io.pitaya.core.testing.RecordingModule;
import io.pitaya.core.serialize.JsonSerializer;
import io.pitaya.core.testing.TestClient;
import io.pitaya.core.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pitaya's session drain ({@code pitaya.session.drain.*}). */
class SessionDrainTest {

    private final TestServer server = TestServer.start();
    private final ScheduledExecutorService clients = Executors.newSingleThreadScheduledExecutor();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(SessionDrain.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    SessionDrainTest() {
        logger.setLevel(Level.INFO);
        logger.setUseParentHandlers(false);
        logger.addHandler(capture);
    }

    @AfterEach
    void stop() {
        logger.removeHandler(capture);
        logger.setUseParentHandlers(true);
        logger.setLevel(null);
        clients.shutdownNow();
        server.close();
    }

    @Test
    void drainWaitsForSessionsToLeaveOnTheirOwnLoggingEveryPeriod() {
        TestClient a = server.connect().ready();
        TestClient b = server.connect().ready();
        clients.schedule(() -> a.agent().onClosed(), 200, TimeUnit.MILLISECONDS);
        clients.schedule(() -> b.agent().onClosed(), 400, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();

        boolean drained = SessionDrain.drain(server.sessions(), Duration.ofSeconds(10), Duration.ofMillis(50));

        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(drained).isTrue();
        assertThat(elapsedMs).isBetween(350L, 5_000L);
        assertThat(logged.get(0)).isEqualTo("INFO Session drain is enabled, draining all sessions before shutting down: 2 sessions, timeout PT10S");
        assertThat(logged).contains("INFO Waiting for all sessions to finish: 2 sessions remaining...",
                "INFO Waiting for all sessions to finish: 1 sessions remaining...");
        assertThat(logged.get(logged.size() - 1)).isEqualTo("INFO All sessions drained");
    }

    @Test
    void drainGivesUpAtTheTimeoutAndRefusesNewcomersMeanwhile() {
        TestClient stays = server.connect().ready();
        server.sessions().gate().stopAccepting(); // the caller's part
        clients.schedule(() -> {
            try {
                server.connect();
                logged.add("newcomer accepted");
            } catch (IllegalStateException refused) {
                logged.add("newcomer refused");
            }
        }, 20, TimeUnit.MILLISECONDS);

        boolean drained = SessionDrain.drain(server.sessions(), Duration.ofMillis(200), Duration.ofMillis(50));

        assertThat(drained).isFalse();
        assertThat(stays.isClosed()).as("closing the rest is the server's stop").isFalse();
        assertThat(logged).contains("newcomer refused").doesNotContain("newcomer accepted");
        assertThat(logged.get(logged.size() - 1))
                .isEqualTo("WARNING Session drain has reached maximum timeout. 1 sessions will be immediately terminated");
    }

    @Test
    void anEmptyServerDrainsAtOnce() {
        assertThat(SessionDrain.drain(server.sessions(), Duration.ofSeconds(10), Duration.ofSeconds(5))).isTrue();
        assertThat(logged).endsWith("INFO All sessions drained");
    }

    @Test
    void withDrainEnabledShutdownWaitsThenClosesTheRestThenRunsTheComponentHooks() {
        TestServer server = TestServer.builder().unstarted().start(); // started by the lifecycle
        List<String> events = new CopyOnWriteArrayList<>();
        LifecycleConfig config = new LifecycleConfig(true, Duration.ofMillis(300), Duration.ofMillis(100),
                Duration.ofSeconds(30), Duration.ofSeconds(10));
        Component component = new Component() {
            @Override
            public void beforeShutdown() {
                events.add("beforeShutdown, sessions left: " + server.sessions().count());
            }
        };
        MemoryGroups groups = new MemoryGroups(server.sessions(), new JsonSerializer());
        ServerLifecycle lifecycle = new ServerLifecycle(config, server.server(), server.serverStart(),
                new Modules(List.of(new RecordingModule(events, server.sessions()))),
                new Components(List.of(new Components.Entry("c", 1, component))), groups);
        lifecycle.start();
        TestClient leaves = server.connect().ready();
        TestClient stays = server.connect().ready();
        leaves.session().onClose(() -> events.add("left on its own"));
        stays.session().onClose(() -> events.add("closed by shutdown: " + stays.agent().closeReason()));
        clients.schedule(() -> leaves.agent().onClosed(), 50, TimeUnit.MILLISECONDS);

        lifecycle.stop();

        assertThat(events).containsExactly("server started", "before drain: 2 sessions", "left on its own", "closed by shutdown: server shutting down",
                "modules stopped", "beforeShutdown, sessions left: 0");
        assertThatThrownBy(server::connect).isInstanceOf(IllegalStateException.class);
        server.close();
    }
}
