package io.pitaya.it;

import io.pitaya.client.PitayaClient;
import io.pitaya.client.Response;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.pitaya.it.SessionsDeployment.bind;
import static io.pitaya.it.SessionsDeployment.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The players' side of a session drain ({@code it-drain-config.properties}), shared by the drain suites: players
 * who stay or leave while the server stops, newcomers who are refused, and what they saw. One per test.
 */
final class DrainingPlayers implements AutoCloseable {

    /** {@code pitaya.session.drain.timeout} in {@code it-drain-config.properties}. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(6);
    /** What a stop may take beyond the drain timeout: the test app's close callback (500 ms), the container's work. */
    static final Duration SLACK = Duration.ofSeconds(4);

    private final URI endpoint;
    private final ExecutorService players = Executors.newCachedThreadPool();

    DrainingPlayers(URI endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void close() {
        players.shutdownNow();
    }

    /** What a player saw while the server stopped. */
    record Seen(long drainSeenAt, Response duringDrain, String closeReason, long closedAt) {
    }

    /** A player bound as "staying", whose close the server records in a file, waiting to be closed. */
    record Staying(String id, CompletableFuture<Seen> seen) {
        /** What the server writes when it closes the player: the close callback's line, then the observer's. */
        String[] closeRecords() {
            return new String[]{"callback " + id + " staying closed=true injected=" + id,
                    "closed staying id=" + id + " reason=server shutting down"};
        }
    }

    /** Binds {@code player} as "staying", has the server record its close in {@code log}, and waits for the drain. */
    Staying stayRecordingTo(Clients.Recorded player, Path log) throws Exception {
        bind(player, "staying");
        String id = id(player);
        assertThat(call(player, "recordto", Map.of("path", log.toString())).isError()).isFalse();
        return new Staying(id, async(() -> stayUntilClosed(player)));
    }

    private Seen stayUntilClosed(Clients.Recorded player) throws Exception {
        long drainSeenAt = awaitNewcomersRefused();
        sleepUntil(drainSeenAt + DRAIN_TIMEOUT.dividedBy(2).toNanos()); // to ask in the middle of the drain
        Response during = call(player, "whoami", Map.of());
        String reason = player.closed.get(DRAIN_TIMEOUT.plus(SLACK).toSeconds(), TimeUnit.SECONDS);
        return new Seen(drainSeenAt, during, reason, System.nanoTime());
    }

    /** The staying player was served in mid-drain and closed by the server at the drain timeout, not before. */
    static void assertStayedUntilTheTimeout(Seen s, long stopStart, long stopEnd) {
        assertThat(s.duringDrain().isError()).isFalse();
        assertThat(s.duringDrain().json().get("result").asText()).as("served in mid-drain").contains(" staying ");
        assertThat(Duration.ofNanos(s.closedAt() - s.drainSeenAt())).as("closed at the drain timeout, not before")
                .isGreaterThan(DRAIN_TIMEOUT.minusMillis(500))
                .isLessThan(DRAIN_TIMEOUT.plus(SLACK));
        assertThat(s.closeReason()).as("closed by the server").startsWith("connection closed by server");
        assertThat(Duration.ofNanos(stopEnd - stopStart)).as("the stop takes the drain timeout plus a little at most")
                .isLessThan(DRAIN_TIMEOUT.plus(SLACK));
    }

    /**
     * Connects newcomers until one is refused, which is when the drain has begun (a newcomer accepted before leaves
     * at once). Over WebSocket the refusal is an HTTP error (the web module no longer routes) or a close during the
     * handshake; over TCP a refused or closed connection.
     *
     * @return when the refusal was seen ({@link System#nanoTime()})
     */
    long awaitNewcomersRefused() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (PitayaClient newcomer = PitayaClient.builder().connectTimeout(Duration.ofSeconds(3)).build()) {
                newcomer.connect(endpoint);
            } catch (RuntimeException refused) {
                return System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("newcomers were still accepted 10 s after the stop began");
            }
            Thread.sleep(50);
        }
    }

    /** Runs a player's part beside the stop the test performs. */
    <T> CompletableFuture<T> async(Callable<T> player) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return player.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, players);
    }

    /** The TCP adapter opens its port right after activation (also after a resume); give it a moment. */
    Clients.Recorded awaitClient(String name) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try {
                return SessionsDeployment.connect(endpoint, Map.of("name", name));
            } catch (RuntimeException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** A fresh file for the test app to write what happens during the stop (it outlives the application). */
    static Path sideChannel(Class<?> suite, String test) throws Exception {
        Path log = Path.of("target", "session-drain-" + suite.getSimpleName() + "-" + test + ".log").toAbsolutePath();
        Files.deleteIfExists(log);
        return log;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static String id(Clients.Recorded c) throws Exception {
        return call(c, "whoami", Map.of()).json().get("result").asText().split(" ")[0];
    }
}
