package io.pitaya.it;

import io.pitaya.client.Response;
import io.pitaya.it.remotes.Scores;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @Remote} beans and the injected {@code Rpc} wired by the core in WildFly, standalone: a handler calls the
 * application's remotes through {@code Rpc} (this server's own type runs here); another type has no servers; clients
 * cannot reach remotes. Over WebSocket only: remotes do not depend on the transport.
 */
@ExtendWith(ArquillianExtension.class)
class RemotesIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        JavaArchive app = ShrinkWrap.create(JavaArchive.class, "pitaya-it-remotes.jar")
                .addPackage(Scores.class.getPackage())
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml")
                // the demo EAR's type is "chat": this server is a "connector", so "chat" is another type
                .addAsManifestResource(new StringAsset("config_ordinal=500\npitaya.server.type=connector\n"),
                        "microprofile-config.properties");
        return Deployments.demoEar().addAsLibrary(app);
    }

    private static Response request(Clients.Recorded c, String route, Object body) throws Exception {
        return c.client.request(route, body).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aHandlerCallsARemoteBeanOfItsOwnServerThroughTheInjectedRpc() throws Exception {
        try (Clients.Recorded c = Clients.connect(Deployments.WS)) {
            Response r = request(c, "rpccaller.add", Map.of("a", 2, "b", 3));

            assertThat(r.isError()).as(r.dataAsString()).isFalse();
            assertThat(r.json().get("total").asInt()).isEqualTo(5);
            assertThat(r.json().get("sameThread").asBoolean()).isTrue();
            assertThat(r.json().get("ledger").asInt()).isGreaterThanOrEqualTo(5);
            assertThat(request(c, "rpccaller.addasync", Map.of("a", 4, "b", 4)).json().get("total").asInt()).isEqualTo(8);
        }
    }

    @Test
    void protobufArgumentsAndTheRemotesErrorsReachTheCaller() throws Exception {
        try (Clients.Recorded c = Clients.connect(Deployments.WS)) {
            assertThat(request(c, "rpccaller.greet", Map.of("name", "ann")).dataAsString())
                    .isEqualTo("{\"msg\":\"hello ann\"}");

            Response failed = request(c, "rpccaller.fail", Map.of());
            assertThat(failed.isError()).isTrue();
            assertThat(failed.dataAsString())
                    .isEqualTo("{\"code\":\"GAME-42\",\"msg\":\"table is full\",\"metadata\":{\"table\":\"t1\"}}");
        }
    }

    @Test
    void remoteHooksAreFoundAsBeansAndRunAroundRemoteCalls() throws Exception {
        try (Clients.Recorded c = Clients.connect(Deployments.WS)) {
            request(c, "rpccaller.add", Map.of("a", 1, "b", 2));

            Response r = request(c, "rpccaller.audit", Map.of());

            assertThat(r.json().get("refused").asText()).isEqualTo("PIT-500 negative sums are refused");
            assertThat(r.json().get("notes").toString())
                    .contains("\"before connector.scores.add REMOTE session=null\"", "\"after add ok\"");
        }
    }

    @Test
    void standaloneAnotherServerTypeHasNoServers() throws Exception {
        try (Clients.Recorded c = Clients.connect(Deployments.WS)) {
            assertThat(request(c, "rpccaller.othertype", Map.of()).dataAsString()).isEqualTo(
                    "{\"code\":\"PIT-500\",\"msg\":\"no servers available of this type\",\"metadata\":{\"serverType\":\"chat\"}}");
        }
    }

    @Test
    void clientsCannotReachRemotes() throws Exception {
        try (Clients.Recorded c = Clients.connect(Deployments.WS)) {
            Response r = request(c, "scores.add", Map.of("a", 1, "b", 1));

            assertThat(r.isError()).isTrue();
            assertThat(r.error().code()).isEqualTo("PIT-404");
        }
    }
}
