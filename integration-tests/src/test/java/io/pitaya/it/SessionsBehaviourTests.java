package io.pitaya.it;

import io.pitaya.client.PitayaHandshakeException;
import io.pitaya.client.Response;
import io.pitaya.protocol.PacketCodec;
import io.pitaya.protocol.PacketType;
import io.pitaya.testkit.RawConnection;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.pitaya.it.SessionsDeployment.bind;
import static io.pitaya.it.SessionsDeployment.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Handshake validators, session events, pushes and kicks by uid, groups with TTL and component startup order in
 * WildFly; run once per transport by the subclasses.
 */
@ExtendWith(ArquillianExtension.class)
abstract class SessionsBehaviourTests {

    abstract URI endpoint();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return SessionsDeployment.ear();
    }

    private Clients.Recorded connect() {
        return SessionsDeployment.connect(endpoint(), Map.of("name", "tester"));
    }

    private static List<String> events(Clients.Recorded c) throws Exception {
        List<String> events = new ArrayList<>();
        call(c, "events", Map.of()).json().get("events").forEach(n -> events.add(n.asText()));
        return events;
    }

    @Test
    void aValidatorRejectsTheHandshakeWith400ThenTheServerCloses() throws Exception {
        // the SDK reports the 400
        assertThatThrownBy(() -> SessionsDeployment.connect(endpoint(), Map.of("banned", true)))
                .isInstanceOf(PitayaHandshakeException.class)
                .satisfies(e -> assertThat(((PitayaHandshakeException) e).handshakeCode()).isEqualTo(400));

        // byte for byte: Pitaya's 400 response, then the connection closes
        try (RawConnection raw = RawConnection.open(endpoint())) {
            raw.send(PacketCodec.encode(PacketType.HANDSHAKE,
                    "{\"sys\":{\"platform\":\"mac\",\"clientVersion\":\"2.1\"},\"user\":{\"banned\":true}}".getBytes(StandardCharsets.UTF_8)));
            byte[] response = raw.receive(5000);
            assertThat(response).isNotNull();
            assertThat(response[0]).isEqualTo((byte) 1);
            assertThat(new String(response, 4, response.length - 4, StandardCharsets.UTF_8))
                    .isEqualTo("{\"code\":400,\"sys\":{\"dict\":{},\"heartbeat\":1,\"serializer\":\"json\"}}");
            assertThat(raw.closedWithin(5000)).as("closed after the 400").isTrue();
        }

        // other clients pass the validator
        try (Clients.Recorded ok = connect()) {
            assertThat(call(ok, "whoami", Map.of()).json().get("result").asText()).endsWith(" null ipv4 java tester");
        }
    }

    @Test
    void bindFiresEventsAndAnObserverCanVetoIt() throws Exception {
        try (Clients.Recorded c = connect()) {
            Response vetoed = bind(c, "forbidden");
            assertThat(vetoed.isError()).isTrue();
            assertThat(vetoed.dataAsString()).isEqualTo("{\"code\":\"RH-403\",\"msg\":\"uid forbidden\"}");
            assertThat(call(c, "whoami", Map.of()).json().get("result").asText()).as("still unbound").contains(" null ");

            assertThat(bind(c, "alice").json().get("result").asText()).isEqualTo("bound alice");
            Response again = bind(c, "bob");
            assertThat(again.dataAsString()).isEqualTo("{\"code\":\"PIT-000\",\"msg\":\"session is already bound to an uid\"}");
            List<String> events = events(c);
            String id = call(c, "whoami", Map.of()).json().get("result").asText().split(" ")[0];
            assertThat(events).containsSubsequence("binding alice id=" + id + " uid()=alice", "bound alice id=" + id);
            assertThat(events).noneMatch(e -> e.contains("forbidden")).noneMatch(e -> e.contains("bob"));
        }
    }

    @Test
    void closeEventsCarryTheSessionAndTheReason() throws Exception {
        String id;
        try (Clients.Recorded c = connect()) {
            bind(c, "leaving");
            id = call(c, "whoami", Map.of()).json().get("result").asText().split(" ")[0];
        }
        try (Clients.Recorded observer = connect()) {
            long deadline = System.currentTimeMillis() + 5000;
            List<String> events = events(observer);
            while (events.stream().noneMatch(e -> e.startsWith("closed leaving")) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
                events = events(observer);
            }
            assertThat(events).contains("closed leaving id=" + id + " reason=connection closed by peer");
        }
    }

    @Test
    void pushToUsersAndKickUsersReportTheUidsNotReached() throws Exception {
        try (Clients.Recorded a = connect(); Clients.Recorded b = connect(); Clients.Recorded admin = connect()) {
            bind(a, "push-a");
            bind(b, "push-b");

            Response pushed = call(admin, "pushtousers", Map.of("uids", List.of("push-a", "ghost", "push-b"), "msg", "hello"));
            assertThat(pushed.dataAsString()).isEqualTo("{\"failed\":[\"ghost\"]}");
            assertThat(a.nextPush()).isEqualTo(new Clients.Push("onPushToUsers", "{\"msg\":\"hello\"}"));
            assertThat(b.nextPush()).isEqualTo(new Clients.Push("onPushToUsers", "{\"msg\":\"hello\"}"));

            Response kicked = call(admin, "kickusers", Map.of("uids", List.of("push-a", "nobody")));
            assertThat(kicked.dataAsString()).isEqualTo("{\"failed\":[\"nobody\"]}");
            a.kicked.get(5, TimeUnit.SECONDS);
            assertThat(a.closed.get(5, TimeUnit.SECONDS)).isEqualTo("kicked");
            assertThat(b.client.isConnected()).isTrue();
            assertThat(admin.client.isConnected()).isTrue();

            Response afterKick = call(admin, "pushtousers", Map.of("uids", List.of("push-a", "push-b"), "msg", "again"));
            assertThat(afterKick.dataAsString()).isEqualTo("{\"failed\":[\"push-a\"]}");
            assertThat(b.nextPush().body()).isEqualTo("{\"msg\":\"again\"}");
        }
    }

    @Test
    void groupsWithTtlExpireUnlessRenewedAndUsePitayasErrors() throws Exception {
        // tick 100 ms in this deployment
        String suffix = Long.toString(System.nanoTime());
        try (Clients.Recorded c = connect(); Clients.Recorded other = connect()) {
            bind(c, "ttl-" + suffix);
            String expiring = "expiring-" + suffix;
            String renewed = "renewed-" + suffix;
            String plain = "plain-" + suffix;
            assertThat(call(c, "groupcreate", Map.of("name", expiring, "ttlMillis", 300)).isError()).isFalse();
            assertThat(call(c, "groupcreate", Map.of("name", renewed, "ttlMillis", 300)).isError()).isFalse();
            assertThat(call(c, "groupcreate", Map.of("name", plain, "ttlMillis", 0)).isError()).isFalse();
            assertThat(call(c, "groupcreate", Map.of("name", plain, "ttlMillis", 0)).dataAsString())
                    .isEqualTo("{\"code\":\"PIT-000\",\"msg\":\"group already exists\"}");
            assertThat(call(c, "groupstate", Map.of("name", expiring)).dataAsString())
                    .isEqualTo("{\"exists\":true,\"members\":[\"ttl-" + suffix + "\"]}");

            Response broadcast = call(other, "groupbroadcast", Map.of("name", expiring, "msg", "in time"));
            assertThat(broadcast.dataAsString()).isEqualTo("{\"failed\":[]}");
            assertThat(c.nextPush()).isEqualTo(new Clients.Push("onGroup", "{\"msg\":\"in time\"}"));

            long until = System.currentTimeMillis() + 1200;
            while (System.currentTimeMillis() < until) {
                assertThat(call(c, "grouprenew", Map.of("name", renewed)).isError()).isFalse();
                Thread.sleep(100);
            }
            assertThat(call(c, "groupstate", Map.of("name", expiring)).dataAsString())
                    .isEqualTo("{\"exists\":false,\"members\":[]}");
            assertThat(call(c, "groupstate", Map.of("name", renewed)).json().get("exists").asBoolean()).isTrue();
            assertThat(call(c, "groupstate", Map.of("name", plain)).json().get("exists").asBoolean()).isTrue();

            assertThat(call(c, "grouprenew", Map.of("name", plain)).dataAsString())
                    .isEqualTo("{\"code\":\"PIT-000\",\"msg\":\"memory group TTL not found\"}");
            assertThat(call(c, "grouprenew", Map.of("name", expiring)).dataAsString())
                    .isEqualTo("{\"code\":\"PIT-000\",\"msg\":\"group not found\"}");
            assertThat(call(c, "groupbroadcast", Map.of("name", expiring, "msg", "late")).dataAsString())
                    .isEqualTo("{\"code\":\"PIT-000\",\"msg\":\"group not found\"}");
        }
    }

    @Test
    void componentsInitialisedInPriorityOrderBeforeTheServerAcceptedClients() throws Exception {
        try (Clients.Recorded c = connect()) {
            assertThat(events(c).subList(0, 4)).containsExactly("init first", "init second", "afterInit first", "afterInit second");
        }
    }
}
