package io.pitaya.it;

import io.pitaya.client.Response;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler pool in the server with {@code pitaya.concurrency.handler.dispatch=2}: exactly two container-managed
 * threads run handlers. A slow session holds one of them and delays nobody else; two slow sessions hold both, and a
 * third session then waits for a thread (the pool size is the number of handlers running at once). The pool does not
 * depend on the transport, so this runs over WebSocket only.
 */
@ExtendWith(ArquillianExtension.class)
class DispatchPoolIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        // a relaxed heartbeat: timing here must not depend on how loaded the machine is
        return PipelineDeployments.earWithPipelineApp("pitaya.heartbeat.interval=5s");
    }

    private static String thread(Response r) {
        return r.json().get("thread").asText();
    }

    @Test
    void oneSlowSessionDoesNotDelayManyOthers() throws Exception {
        List<Clients.Recorded> others = new ArrayList<>();
        try (Clients.Recorded slow = Clients.connect(Deployments.WS)) {
            for (int i = 0; i < 10; i++) {
                others.add(Clients.connect(Deployments.WS));
            }
            CompletableFuture<Response> sleeping = slow.client.request("pipe.hold",
                    "{\"ms\":6000}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(15));
            Thread.sleep(300); // it now holds one of the two threads

            long start = System.nanoTime();
            Set<String> threads = new HashSet<>();
            for (int round = 0; round < 3; round++) {
                List<CompletableFuture<Response>> calls = new ArrayList<>();
                for (Clients.Recorded other : others) {
                    calls.add(other.client.request("pipe.thread", Map.of()));
                }
                for (CompletableFuture<Response> call : calls) {
                    threads.add(thread(call.get(5, TimeUnit.SECONDS)));
                }
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(elapsedMs).as("30 requests of 10 sessions beside a 6 s handler").isLessThan(4500);
            assertThat(sleeping).as("the slow handler is still running").isNotDone();
            // everything else ran on the one thread left: the pool has exactly two
            assertThat(threads).hasSize(1);
            String slowThread = thread(sleeping.get(10, TimeUnit.SECONDS));
            assertThat(threads).doesNotContain(slowThread);
            assertThat(threads.iterator().next()).as("a container-managed thread")
                    .startsWith(TestServer.current().managedThreadPrefix());
        } finally {
            others.forEach(Clients.Recorded::close);
        }
    }

    @Test
    void withBothThreadsBlockedAThirdSessionWaitsForOne() throws Exception {
        try (Clients.Recorded a = Clients.connect(Deployments.WS);
             Clients.Recorded b = Clients.connect(Deployments.WS);
             Clients.Recorded c = Clients.connect(Deployments.WS)) {
            long start = System.nanoTime();
            CompletableFuture<Response> holdA = a.client.request("pipe.hold", Map.of("ms", 2500));
            CompletableFuture<Response> holdB = b.client.request("pipe.hold", Map.of("ms", 2500));
            Thread.sleep(300);
            Response third = c.client.request("pipe.thread", Map.of()).get(10, TimeUnit.SECONDS);
            long thirdMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(thirdMs).as("the third session waited for a thread to come free").isGreaterThanOrEqualTo(2300);

            Set<String> threads = new HashSet<>(List.of(thread(holdA.get(5, TimeUnit.SECONDS)), thread(holdB.get(5, TimeUnit.SECONDS))));
            assertThat(threads).as("the two holds ran on the pool's two threads").hasSize(2);
            assertThat(threads).contains(thread(third));
        }
    }
}
