package io.pitaya.it;

import io.pitaya.client.Response;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Before/after hooks written as CDI beans in an application jar (io.pitaya.it.pipeline.Hooks), found by the core and
 * ordered by {@code @Priority}, and the struct-validation pipeline, in WildFly. Hooks do not depend on the transport,
 * so this runs over WebSocket only.
 */
@ExtendWith(ArquillianExtension.class)
class PipelinesIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PipelineDeployments.earWithPipelineApp("pitaya.heartbeat.interval=5s");
    }

    private static Response request(Clients.Recorded c, String route, Object body) throws Exception {
        return c.client.request(route, body).get(5, TimeUnit.SECONDS);
    }

    @Test
    void beforeHooksReplaceTheArgumentAndAfterHooksTheResultInPriorityOrder() throws Exception {
        try (Clients.Recorded c = Clients.connect(Deployments.WS)) {
            Response r = request(c, "pipe.echo", Map.of("msg", "x"));
            assertThat(r.isError()).isFalse();
            // before: @Priority(100) then @Priority(200) changed the argument; after: 100 wrapped, 200 appended
            assertThat(r.dataAsString()).isEqualTo("{\"result\":{\"msg\":\"echo x+b100+b200\"},\"after\":\"a100,a200\"}");
        }
    }

    @Test
    void aBeforeHookAbortsWithItsOwnCodeAndMetadata() throws Exception {
        try (Clients.Recorded c = Clients.connect(Deployments.WS)) {
            Response denied = request(c, "pipe.secret", Map.of());
            assertThat(denied.isError()).isTrue();
            assertThat(denied.dataAsString())
                    .isEqualTo("{\"code\":\"AUTH-403\",\"msg\":\"admins only\",\"metadata\":{\"route\":\"connector.pipe.secret\"}}");

            c.client.notify("pipe.promote", Map.of()).get(5, TimeUnit.SECONDS);
            Response allowed = request(c, "pipe.secret", Map.of());
            assertThat(allowed.dataAsString()).isEqualTo("{\"msg\":\"the secret\"}");
        }
    }

    @Test
    void anAfterHookSeesTheHandlersErrorAndReplacesIt() throws Exception {
        try (Clients.Recorded c = Clients.connect(Deployments.WS)) {
            Response r = request(c, "pipe.fail", Map.of());
            assertThat(r.isError()).isTrue();
            assertThat(r.dataAsString()).isEqualTo("{\"code\":\"RH-002\",\"msg\":\"after hook saw RH-001: handler failed\"}");
        }
    }

    @Test
    void hooksRunInTheHandlersCdiRequestContextWithItsSession() throws Exception {
        try (Clients.Recorded c = Clients.connect(Deployments.WS)) {
            Response r = request(c, "pipe.scope", Map.of());
            long session = r.json().get("session").asLong();
            // the request-scoped CallLog the hooks wrote to is the handler's; the injected Session is the message's
            assertThat(r.json().get("log").toString()).isEqualTo("[\"b100 saw session " + session + "\",\"b200\"]");
            // and a new call gets a new request context
            Response again = request(c, "pipe.scope", Map.of());
            assertThat(again.json().get("log").size()).isEqualTo(2);
        }
    }

    @Test
    void structValidationAnswersPit400WithTheViolations() throws Exception {
        try (Clients.Recorded c = Clients.connect(Deployments.WS)) {
            Response bad = request(c, "pipe.register", Map.of("name", " ", "level", 0));
            assertThat(bad.isError()).isTrue();
            assertThat(bad.error().code()).isEqualTo("PIT-400");
            assertThat(bad.error().msg()).startsWith("invalid argument: level ").contains(", name ");
            assertThat(bad.error().metadata()).containsOnlyKeys("level", "name");

            Response good = request(c, "pipe.register", Map.of("name", "ana", "level", 3));
            assertThat(good.dataAsString()).isEqualTo("{\"msg\":\"registered ana\"}");
        }
    }
}
