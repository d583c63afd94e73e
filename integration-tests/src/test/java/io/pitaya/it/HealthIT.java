package io.pitaya.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MicroProfile Health on WildFly's management interface ({@code :9990/health/live}, {@code /health/ready}) with the
 * demo EAR and session drain on: ready while the server serves, not ready while it is suspended (the TCP adapter's
 * endpoint is deactivated, as in the first step of every shutdown) and while its session drain runs (newcomers
 * refused), ready again after a resume; live throughout. WildFly only: it suspends the server through WildFly's management client.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthIT {

    static final String HEALTH = "http://127.0.0.1:9990/health";

    @ArquillianResource
    ManagementClient management;

    /** The demo EAR with session drain on ({@code it-drain-config.properties}: drain timeout 6 s). */
    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return SessionsDeployment.ear("it-drain-config.properties");
    }

    @Test
    void readyWhileServingNotReadyWhileSuspendedLiveThroughout() throws Exception {
        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("\"name\":\"pitaya\"").contains("\"status\":\"UP\"")
                .contains("\"core\":\"started\"").contains("\"accepting\":true").contains("\"tcp\":\"listening\"");
        assertThat(get("/live").statusCode()).isEqualTo(200);

        boolean suspended = false;
        try {
            serverOperation("suspend");
            suspended = true;
            HttpResponse<String> down = awaitStatus(503, Duration.ofSeconds(10));
            assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
            assertThat(down.body()).contains("\"name\":\"pitaya\"").contains("\"status\":\"DOWN\"")
                    .contains("\"tcp\":\"not listening\"");
            HttpResponse<String> live = get("/live");
            assertThat(live.statusCode()).as("a suspended server is alive: " + live.body()).isEqualTo(200);

            serverOperation("resume");
            suspended = false;
            HttpResponse<String> up = awaitStatus(200, Duration.ofSeconds(10));
            assertThat(up.statusCode()).as("ready again after the resume: " + up.body()).isEqualTo(200);
        } finally {
            if (suspended) {
                serverOperation("resume");
            }
        }
    }

    @Test
    void notReadyWhileTheSessionDrainKeepsAPlayer() throws Exception {
        try (Clients.Recorded player = Clients.connect(Deployments.WS)) {
            assertThat(awaitStatus(200, Duration.ofSeconds(10)).statusCode()).isEqualTo(200);
            // with a player connected the suspend blocks for the drain (up to its 6 s timeout)
            CompletableFuture<Void> suspend = CompletableFuture.runAsync(() -> {
                try {
                    serverOperation("suspend");
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            try {
                HttpResponse<String> draining = awaitBody(body -> body.contains("\"accepting\":false"), Duration.ofSeconds(5));
                assertThat(draining.statusCode()).as(draining.body()).isEqualTo(503);
                assertThat(draining.body()).contains("\"status\":\"DOWN\"");
                assertThat(suspend).as("the drain still runs").isNotDone();
                assertThat(get("/live").statusCode()).as("a draining server is alive").isEqualTo(200);
            } finally {
                suspend.get(30, TimeUnit.SECONDS);
                serverOperation("resume");
            }
            HttpResponse<String> up = awaitStatus(200, Duration.ofSeconds(10));
            assertThat(up.statusCode()).as("ready again after the resume: " + up.body()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> awaitBody(Predicate<String> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = get("/ready");
        while (!condition.test(last.body()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            last = get("/ready");
        }
        return last;
    }

    /** Polls readiness until it answers {@code status} or the timeout passes; the last answer. */
    private static HttpResponse<String> awaitStatus(int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = get("/ready");
        while (last.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = get("/ready");
        }
        return last;
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(HEALTH + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void serverOperation(String name) throws Exception {
        ModelNode operation = new ModelNode();
        operation.get("operation").set(name);
        operation.get("address").setEmptyList();
        ModelNode result = management.getControllerClient().execute(operation);
        assertThat(result.get("outcome").asString()).as(name + ": " + result).isEqualTo("success");
    }
}
