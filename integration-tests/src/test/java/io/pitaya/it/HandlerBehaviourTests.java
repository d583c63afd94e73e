package io.pitaya.it;

import io.pitaya.client.Response;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests, notifies, pushes, kicks and errors through the real EAR in WildFly, asserting the exact payloads
 * Pitaya's end-to-end suite expects; run once per transport by the subclasses.
 */
@ExtendWith(ArquillianExtension.class)
abstract class HandlerBehaviourTests {

    /** The transport under test. */
    abstract java.net.URI endpoint();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.earWithTestApp();
    }

    @Test
    void requestReturnsTheHandlersValueAsJson() throws Exception {
        try (Clients.Recorded c = Clients.connect(endpoint())) {
            Response r = c.client.request("testsvc.testrequestreturnsptr", Map.of("msg", "world")).get(5, TimeUnit.SECONDS);
            assertThat(r.isError()).isFalse();
            assertThat(r.dataAsString()).isEqualTo("{\"code\":200,\"msg\":\"hello world\"}");
            // 3-part route with this server's own type reaches the same handler
            Response r3 = c.client.request("connector.testsvc.testrequestreturnsptr", Map.of("msg", "3")).get(5, TimeUnit.SECONDS);
            assertThat(r3.dataAsString()).isEqualTo("{\"code\":200,\"msg\":\"hello 3\"}");
        }
    }

    @Test
    void rawBytesGoInAndOutUnchanged() throws Exception {
        try (Clients.Recorded c = Clients.connect(endpoint())) {
            byte[] raw = {0, 1, 2, (byte) 0xff, 'x'};
            Response r = c.client.request("testsvc.testrequestreceivereturnsraw", raw).get(5, TimeUnit.SECONDS);
            assertThat(r.data()).containsExactly(raw);
        }
    }

    @Test
    void errorsCarryPitayasCodesAndMessages() throws Exception {
        try (Clients.Recorded c = Clients.connect(endpoint())) {
            assertError(c, "testsvc.testrequestonlysessionreturnsptrnil", "{\"code\":\"PIT-000\",\"msg\":\"reply must not be null\"}");
            assertError(c, "testsvc.testrequestreturnserror", "{\"code\":\"PIT-555\",\"msg\":\"somerror\"}");
            assertError(c, "testsvc.testrequestreturnserrorwithmetadata", "{\"code\":\"PIT-433\",\"msg\":\"test error\",\"metadata\":{\"some\":\"meta\"}}");
            assertError(c, "testsvc.testrequestthrows", "{\"code\":\"PIT-000\",\"msg\":\"boom\"}");
            assertError(c, "testsvc.nonexistenthandler", "{\"code\":\"PIT-404\",\"msg\":\"pitaya/handler: connector.testsvc.nonexistenthandler not found\"}");
            assertError(c, "testsvc.testnotify", "{\"code\":\"PIT-400\",\"msg\":\"tried to request a notify route\"}");
            assertError(c, "a.b.c.d", "{\"code\":\"PIT-400\",\"msg\":\"invalid route\"}");
            // the connection survives application errors
            assertThat(c.client.isConnected()).isTrue();
        }
    }

    private static void assertError(Clients.Recorded c, String route, String json) throws Exception {
        Response r = c.client.request(route, Map.of()).get(5, TimeUnit.SECONDS);
        assertThat(r.isError()).as(route).isTrue();
        assertThat(r.dataAsString()).as(route).isEqualTo(json);
    }

    @Test
    void notifyRunsWithoutAnAnswerAndPushesReachTheClient() throws Exception {
        try (Clients.Recorded c = Clients.connect(endpoint())) {
            c.client.notify("testsvc.testnotify", Map.of("msg", "n1")).get(5, TimeUnit.SECONDS);
            Clients.Push push = c.nextPush();
            assertThat(push.route()).isEqualTo("onNotify");
            assertThat(push.body()).isEqualTo("{\"msg\":\"n1\"}");

            Response r = c.client.request("testsvc.testpushtome", Map.of("msg", "p")).get(5, TimeUnit.SECONDS);
            assertThat(r.dataAsString()).contains("pushed");
            assertThat(c.nextPush()).isEqualTo(new Clients.Push("route.test", "{\"msg\":\"p\"}"));
        }
    }

    @Test
    void bindThenPushToUsersAndGroupBroadcast() throws Exception {
        try (Clients.Recorded a = Clients.connect(endpoint()); Clients.Recorded b = Clients.connect(endpoint())) {
            assertThat(a.client.request("testsvc.testbind", "ua".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS).dataAsString()).isEqualTo("ack");
            assertThat(b.client.request("testsvc.testbind", "ub".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS).dataAsString()).isEqualTo("ack");

            a.client.request("testsvc.testsendtousers", Map.of("uids", List.of("ua", "ub"), "msg", "hi")).get(5, TimeUnit.SECONDS);
            assertThat(a.nextPush()).isEqualTo(new Clients.Push("route.sendtousers", "{\"msg\":\"hi\"}"));
            assertThat(b.nextPush()).isEqualTo(new Clients.Push("route.sendtousers", "{\"msg\":\"hi\"}"));

            a.client.request("testsvc.testsendgroupmsg", Map.of("msg", "g")).get(5, TimeUnit.SECONDS);
            b.client.request("testsvc.testsendgroupmsg", Map.of("msg", "g2")).get(5, TimeUnit.SECONDS);
            assertThat(a.nextPush()).isEqualTo(new Clients.Push("route.test", "{\"msg\":\"g\"}"));
            assertThat(a.nextPush()).isEqualTo(new Clients.Push("route.test", "{\"msg\":\"g2\"}"));
            assertThat(b.nextPush()).isEqualTo(new Clients.Push("route.test", "{\"msg\":\"g2\"}"));
        }
    }

    @Test
    void kickUserAndKickMe() throws Exception {
        try (Clients.Recorded victim = Clients.connect(endpoint()); Clients.Recorded admin = Clients.connect(endpoint()); Clients.Recorded self = Clients.connect(endpoint())) {
            victim.client.request("testsvc.testbind", "victim".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
            admin.client.request("testsvc.testrequestkickuser", "victim".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
            victim.kicked.get(5, TimeUnit.SECONDS);
            assertThat(victim.closed.get(5, TimeUnit.SECONDS)).isEqualTo("kicked");
            assertThat(admin.client.isConnected()).isTrue();

            // the handler kicks before it returns, so (as with Pitaya) the kick wins and the request stays unanswered
            CompletableFuture<Response> bye = self.client.request("testsvc.testrequestkickme", Map.of());
            self.kicked.get(5, TimeUnit.SECONDS);
            assertThat(self.closed.get(5, TimeUnit.SECONDS)).isEqualTo("kicked");
            assertThat(bye).failsWithin(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void bindingAUidAgainClosesTheOlderSession() throws Exception {
        try (Clients.Recorded first = Clients.connect(endpoint()); Clients.Recorded second = Clients.connect(endpoint())) {
            first.client.request("testsvc.testbind", "same".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
            second.client.request("testsvc.testbind", "same".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
            first.closed.get(5, TimeUnit.SECONDS);
            assertThat(second.client.isConnected()).isTrue();
        }
    }

    @Test
    void oneSessionsMessagesRunInOrder() throws Exception {
        try (Clients.Recorded c = Clients.connect(endpoint())) {
            List<Integer> expected = new ArrayList<>();
            for (int i = 1; i <= 100; i++) {
                c.client.notify("testsvc.order", Map.of("n", i));
                expected.add(i);
            }
            Response r = c.client.request("testsvc.orderlist", Map.of()).get(10, TimeUnit.SECONDS);
            assertThat(r.json().get("items").toString()).isEqualTo(expected.toString().replace(" ", ""));
        }
    }

    @Test
    void aSlowSessionDoesNotDelayOthers() throws Exception {
        try (Clients.Recorded slow = Clients.connect(endpoint()); Clients.Recorded fast = Clients.connect(endpoint())) {
            CompletableFuture<Response> sleeping = slow.client.request("testsvc.slow", Map.of("n", 3000));
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                fast.client.request("testsvc.testrequestreturnsptr", Map.of("msg", "x")).get(5, TimeUnit.SECONDS);
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(sleeping).isNotDone();
            assertThat(elapsedMs).isLessThan(3000);
            assertThat(sleeping.get(10, TimeUnit.SECONDS).dataAsString()).contains("slept");
        }
    }
}
