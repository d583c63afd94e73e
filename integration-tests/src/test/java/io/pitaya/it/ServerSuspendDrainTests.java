package io.pitaya.it;

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
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.pitaya.it.DrainingPlayers.DRAIN_TIMEOUT;
import static io.pitaya.it.DrainingPlayers.SLACK;
import static io.pitaya.it.SessionsDeployment.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session drain during a WildFly server suspend, through WildFly's management client (so WildFly only; Payara has
 * no suspend, its shutdown stops the applications like an undeploy, which {@link SessionDrainTests} covers). A
 * WildFly shutdown (SIGTERM, {@code :shutdown}) begins by suspending the server, which deactivates the TCP adapter's
 * endpoint and then closes the WebSockets: the drain runs during the suspend, before anything stops.
 * {@code :suspend} alone does the same, and the server takes players again after {@code :resume}. Run once per
 * transport by the subclasses.
 */
@ExtendWith(ArquillianExtension.class)
abstract class ServerSuspendDrainTests {

    abstract URI endpoint();

    @ArquillianResource
    Deployer deployer;

    @ArquillianResource
    ManagementClient management;

    private DrainingPlayers players;

    @Deployment(name = SessionDrainTests.DRAIN, managed = false, testable = false)
    static EnterpriseArchive drain() {
        return SessionsDeployment.ear("it-drain-config.properties");
    }

    @AfterEach
    void stopPlayers() {
        if (players != null) {
            players.close();
        }
    }

    @Test
    void aServerSuspendDrainsLikeAShutdownAndAResumeTakesPlayersAgain(TestInfo test) throws Exception {
        players = new DrainingPlayers(endpoint());
        Path log = DrainingPlayers.sideChannel(getClass(), test.getTestMethod().orElseThrow().getName());
        deployer.deploy(SessionDrainTests.DRAIN);
        boolean suspended = false;
        try (Clients.Recorded player = players.awaitClient("staying")) {
            DrainingPlayers.Staying staying = players.stayRecordingTo(player, log);

            long start = System.nanoTime();
            serverOperation("suspend");
            suspended = true;
            long end = System.nanoTime();

            DrainingPlayers.assertStayedUntilTheTimeout(
                    staying.seen().get(DRAIN_TIMEOUT.plus(SLACK).toSeconds(), TimeUnit.SECONDS), start, end);
            assertThat(Files.readAllLines(log, StandardCharsets.UTF_8)).contains(staying.closeRecords());

            serverOperation("resume");
            suspended = false;
            try (Clients.Recorded next = players.awaitClient("after-resume")) {
                assertThat(call(next, "whoami", Map.of()).json().get("result").asText()).endsWith(" after-resume");
            }
        } finally {
            if (suspended) {
                serverOperation("resume");
            }
            deployer.undeploy(SessionDrainTests.DRAIN);
        }
    }

    private void serverOperation(String name) throws Exception {
        ModelNode operation = new ModelNode();
        operation.get("operation").set(name);
        operation.get("address").setEmptyList();
        ModelNode result = management.getControllerClient().execute(operation);
        assertThat(result.get("outcome").asString()).as(name + ": " + result).isEqualTo("success");
    }
}
