package io.pitaya.it;

import io.pitaya.client.Response;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.pitaya.it.DrainingPlayers.DRAIN_TIMEOUT;
import static io.pitaya.it.SessionsDeployment.bind;
import static io.pitaya.it.SessionsDeployment.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session drain ({@code pitaya.session.drain.*}) on undeploy, as players see it: while the application undeploys,
 * connected players keep being served, new connections are refused, the undeploy ends as soon as the last player
 * left, and a player who stays is closed at the drain timeout with its close callback run. (Without drain, undeploy
 * closes the players at once: {@link SessionsShutdownTests}.) The test app writes what happens during the stop to a
 * file (a side channel that outlives the application). Run once per transport by the subclasses, on both servers;
 * the drain during a WildFly server suspend is {@link ServerSuspendDrainTests}.
 */
@ExtendWith(ArquillianExtension.class)
abstract class SessionDrainTests {

    static final String DRAIN = "drain";

    abstract URI endpoint();

    @ArquillianResource
    Deployer deployer;

    private DrainingPlayers players;

    @Deployment(name = DRAIN, managed = false, testable = false)
    static EnterpriseArchive drain() {
        return SessionsDeployment.ear("it-drain-config.properties");
    }

    @AfterEach
    void stopPlayers() {
        if (players != null) {
            players.close();
        }
    }

    private DrainingPlayers players() {
        if (players == null) {
            players = new DrainingPlayers(endpoint());
        }
        return players;
    }

    @Test
    void undeployServesPlayersRefusesNewcomersAndEndsOnceTheLastPlayerLeft() throws Exception {
        DrainingPlayers players = players();
        deployer.deploy(DRAIN);
        boolean deployed = true;
        try (Clients.Recorded player = players.awaitClient("leaving")) {
            bind(player, "leaving");
            CompletableFuture<DrainingPlayers.Seen> seen = players.async(() -> {
                long drainSeenAt = players.awaitNewcomersRefused();
                Response during = call(player, "whoami", Map.of());
                long leftAt = System.nanoTime();
                player.close(); // the last player leaves on its own
                return new DrainingPlayers.Seen(drainSeenAt, during, null, leftAt);
            });

            long start = System.nanoTime();
            deployer.undeploy(DRAIN);
            deployed = false;
            long end = System.nanoTime();

            DrainingPlayers.Seen s = seen.get(5, TimeUnit.SECONDS);
            assertThat(s.duringDrain().isError()).isFalse();
            assertThat(s.duringDrain().json().get("result").asText()).as("served during the drain").contains(" leaving ");
            // the drain sees the player gone at its next check (pitaya.session.drain.period=1s), then the server
            // stops the modules (on Payara that takes about a second)
            assertThat(Duration.ofNanos(end - s.closedAt())).as("undeploy returns soon after the last player left")
                    .isLessThan(Duration.ofMillis(2500));
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
        DrainingPlayers players = players();
        Path log = DrainingPlayers.sideChannel(getClass(), test.getTestMethod().orElseThrow().getName());
        deployer.deploy(DRAIN);
        boolean deployed = true;
        try (Clients.Recorded player = players.awaitClient("staying")) {
            DrainingPlayers.Staying staying = players.stayRecordingTo(player, log);

            long start = System.nanoTime();
            deployer.undeploy(DRAIN);
            deployed = false;
            long end = System.nanoTime();

            DrainingPlayers.assertStayedUntilTheTimeout(staying.seen().get(5, TimeUnit.SECONDS), start, end);
            assertThat(Files.readAllLines(log, StandardCharsets.UTF_8)).as("written before undeploy returned")
                    .contains(staying.closeRecords());
        } finally {
            if (deployed) {
                deployer.undeploy(DRAIN);
            }
        }
    }
}
