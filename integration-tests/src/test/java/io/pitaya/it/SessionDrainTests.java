package io.pitaya.it;

import io.pitaya.client.PitayaClient;
import io.pitaya.client.Response;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * Session drain ({@code pitaya.session.drain.*}) in WildFly, as players see it: while the application undeploys, or
 * while the server suspends (the first step of every WildFly shutdown), connected players keep being served, new
 * connections are refused, the stop ends as soon as the last player left, and a player who stays is closed at the
 * drain timeout with its close callback run. (Without drain, undeploy closes the players at once:
 * {@link SessionsShutdownTests}.) The test app writes what happens during the stop to a file (a side channel that
 * outlives the application). Run once per transport by the subclasses.
 */
@ExtendWith(ArquillianExtension.class)
abstract class SessionDrainTests {

    /** {@code pitaya.session.drain.timeout} in {@code it-drain-config.properties}. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(6);
    /** What a stop may take beyond the drain timeout: the test app's close callback (500 ms), the container's work. */
    static final Duration SLACK = Duration.ofSeconds(4);

    private static final String DRAIN = "drain";

    abstract URI endpoint();

    @ArquillianResource
    Deployer deployer;

    @ArquillianResource
    ManagementClient management;

    private final ExecutorService players = Executors.newCachedThreadPool();

    @Deployment(name = DRAIN, managed = false, testable = false)
    static EnterpriseArchive drain() {
        return SessionsDeployment.ear("it-drain-config.properties");
    }

    @AfterEach
    void stopPlayers() {
        players.shutdownNow();
    }

    /** What a player saw while the server stopped. */
    private record Seen(long drainSeenAt, Response duringDrain, String closeReason, long closedAt) {
    }

    @Test
    void undeployServesPlayersRefusesNewcomersAndEndsOnceTheLastPlayerLeft() throws Exception {
        deployer.deploy(DRAIN);
        boolean deployed = true;
        try (Clients.Recorded player = awaitClient("leaving")) {
            bind(player, "leaving");
            CompletableFuture<Seen> seen = async(() -> {
                long drainSeenAt = awaitNewcomersRefused();
                Response during = call(player, "whoami", Map.of());
                long leftAt = System.nanoTime();
                player.close(); // the last player leaves on its own
                return new Seen(drainSeenAt, during, null, leftAt);
            });

            long start = System.nanoTime();
            deployer.undeploy(DRAIN);
            deployed = false;
            long end = System.nanoTime();

            Seen s = seen.get(5, TimeUnit.SECONDS);
            assertThat(s.duringDrain().isError()).isFalse();
            assertThat(s.duringDrain().json().get("result").asText()).as("served during the drain").contains(" leaving ");
            assertThat(Duration.ofNanos(end - s.closedAt())).as("undeploy returns soon after the last player left")
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(Duration.ofNanos(end - start)).as("well before the drain timeout")
                    .isLessThan(DRAIN_TIMEOUT.dividedBy(2));
        } finally {
            if (deployed) {
                deployer.undeploy(DRAIN);
            }
        }
    }

    @Test
    void undeployClosesAPlayerWhoStaysAtTheDrainTimeoutAfterItsCloseCallback(TestInfo test) throws Exception {
        Path log = sideChannel(test);
        deployer.deploy(DRAIN);
        boolean deployed = true;
        try (Clients.Recorded player = awaitClient("staying")) {
            Staying staying = stayRecordingTo(player, log);

            long start = System.nanoTime();
            deployer.undeploy(DRAIN);
            deployed = false;
            long end = System.nanoTime();

            assertStayedUntilTheTimeout(staying.seen().get(5, TimeUnit.SECONDS), start, end);
            assertThat(Files.readAllLines(log, StandardCharsets.UTF_8)).as("written before undeploy returned")
                    .contains(staying.closeRecords());
        } finally {
            if (deployed) {
                deployer.undeploy(DRAIN);
            }
        }
    }

    /**
     * A WildFly shutdown (SIGTERM, {@code :shutdown}) begins by suspending the server, which deactivates the TCP
     * adapter's endpoint and then closes the WebSockets: the drain runs during the suspend, before anything stops.
     * {@code :suspend} alone does the same, and the server takes players again after {@code :resume}.
     */
    @Test
    void aServerSuspendDrainsLikeAShutdownAndAResumeTakesPlayersAgain(TestInfo test) throws Exception {
        Path log = sideChannel(test);
        deployer.deploy(DRAIN);
        boolean suspended = false;
        try (Clients.Recorded player = awaitClient("staying")) {
            Staying staying = stayRecordingTo(player, log);

            long start = System.nanoTime();
            serverOperation("suspend");
            suspended = true;
            long end = System.nanoTime();

            assertStayedUntilTheTimeout(staying.seen().get(DRAIN_TIMEOUT.plus(SLACK).toSeconds(), TimeUnit.SECONDS),
                    start, end);
            assertThat(Files.readAllLines(log, StandardCharsets.UTF_8)).contains(staying.closeRecords());

            serverOperation("resume");
            suspended = false;
            try (Clients.Recorded next = awaitClient("after-resume")) {
                assertThat(call(next, "whoami", Map.of()).json().get("result").asText()).endsWith(" after-resume");
            }
        } finally {
            if (suspended) {
                serverOperation("resume");
            }
            deployer.undeploy(DRAIN);
        }
    }

    /** The player's side of a drain it sits out: newcomers refused, a request in mid-drain, then its close. */
    /** A player bound as "staying", whose close the server records in {@code log}, waiting to be closed. */
    private record Staying(String id, CompletableFuture<Seen> seen) {
        /** What the server writes when it closes the player: the close callback's line, then the observer's. */
        String[] closeRecords() {
            return new String[]{"callback " + id + " staying closed=true injected=" + id,
                    "closed staying id=" + id + " reason=server shutting down"};
        }
    }

    private Staying stayRecordingTo(Clients.Recorded player, Path log) throws Exception {
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

    private static void assertStayedUntilTheTimeout(Seen s, long stopStart, long stopEnd) {
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
    private long awaitNewcomersRefused() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (PitayaClient newcomer = PitayaClient.builder().connectTimeout(Duration.ofSeconds(3)).build()) {
                newcomer.connect(endpoint());
            } catch (RuntimeException refused) {
                return System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("newcomers were still accepted 10 s after the stop began");
            }
            Thread.sleep(50);
        }
    }

    private void serverOperation(String name) throws Exception {
        ModelNode operation = new ModelNode();
        operation.get("operation").set(name);
        operation.get("address").setEmptyList();
        ModelNode result = management.getControllerClient().execute(operation);
        assertThat(result.get("outcome").asString()).as(name + ": " + result).isEqualTo("success");
    }

    private <T> CompletableFuture<T> async(Callable<T> player) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return player.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, players);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private Path sideChannel(TestInfo test) throws Exception {
        Path log = Path.of("target", "session-drain-" + getClass().getSimpleName() + "-"
                + test.getTestMethod().orElseThrow().getName() + ".log").toAbsolutePath();
        Files.deleteIfExists(log);
        return log;
    }

    private static String id(Clients.Recorded c) throws Exception {
        return call(c, "whoami", Map.of()).json().get("result").asText().split(" ")[0];
    }

    /** The TCP adapter opens its port right after activation (also after a resume); give it a moment. */
    private Clients.Recorded awaitClient(String name) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try {
                return SessionsDeployment.connect(endpoint(), Map.of("name", name));
            } catch (RuntimeException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
