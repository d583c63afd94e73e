package io.pitaya.it;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.pitaya.it.SessionsDeployment.bind;
import static io.pitaya.it.SessionsDeployment.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Undeploying closes every session and waits for their close callbacks before the components' shutdown hooks run
 * and before the undeploy returns. The test app writes what happens to a file (a side channel that outlives the
 * application); the file is read right after {@code undeploy} returns. Run once per transport by the subclasses.
 */
@ExtendWith(ArquillianExtension.class)
abstract class SessionsShutdownTests {

    private static final String EAR = "sessions";

    abstract URI endpoint();

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = EAR, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return SessionsDeployment.ear();
    }

    @Test
    void undeployClosesSessionsAndWaitsForTheirCallbacksBeforeTheShutdownHooks() throws Exception {
        Path log = Path.of("target", "sessions-shutdown-" + getClass().getSimpleName() + ".log").toAbsolutePath();
        Files.deleteIfExists(log);
        deployer.deploy(EAR);
        boolean deployed = true;
        try (Clients.Recorded bound = awaitClient(); Clients.Recorded unbound = awaitClient()) {
            bind(bound, "leaving-at-shutdown");
            String boundId = id(bound);
            String unboundId = id(unbound);
            assertThat(call(bound, "recordto", Map.of("path", log.toString())).isError()).isFalse();

            deployer.undeploy(EAR);
            deployed = false;

            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            assertThat(lines).as("written before undeploy returned").containsSubsequence(
                    "callback " + boundId + " leaving-at-shutdown closed=true injected=" + boundId,
                    "beforeShutdown second", "beforeShutdown first", "shutdown second", "shutdown first");
            assertThat(lines).anyMatch(l -> l.startsWith("closed leaving-at-shutdown id=" + boundId + " reason="));
            assertThat(lines).anyMatch(l -> l.startsWith("closed null id=" + unboundId + " reason="));
            int firstHook = lines.indexOf("beforeShutdown second");
            assertThat(lines.subList(0, firstHook)).as("all close work done before the shutdown hooks").hasSize(3);
            assertThat(bound.closed.get(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(unbound.closed.get(10, TimeUnit.SECONDS)).isNotNull();
        } finally {
            if (deployed) {
                deployer.undeploy(EAR);
            }
        }
    }

    /** Session drain is off by default ({@code pitaya.session.drain.enabled}); with it see {@link SessionDrainTests}. */
    @Test
    void withoutSessionDrainUndeployClosesThePlayersAtOnce() throws Exception {
        deployer.deploy(EAR);
        boolean deployed = true;
        try (Clients.Recorded player = awaitClient()) {
            long start = System.nanoTime();
            deployer.undeploy(EAR);
            deployed = false;
            long end = System.nanoTime();

            assertThat(player.closed.get(2, TimeUnit.SECONDS)).startsWith("connection closed by server");
            assertThat(Duration.ofNanos(end - start)).isLessThan(Duration.ofSeconds(3));
        } finally {
            if (deployed) {
                deployer.undeploy(EAR);
            }
        }
    }

    private static String id(Clients.Recorded c) throws Exception {
        return call(c, "whoami", Map.of()).json().get("result").asText().split(" ")[0];
    }

    /** The TCP adapter opens its port right after activation; give it a moment. */
    private Clients.Recorded awaitClient() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try {
                return SessionsDeployment.connect(endpoint(), Map.of("name", "shutdown"));
            } catch (RuntimeException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
