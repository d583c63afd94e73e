package io.pitaya.health;

import io.pitaya.core.health.ReadinessContributor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;

/**
 * Readiness ({@code /health/ready}): UP only when the server can serve new players (see {@link ServerState}); DOWN
 * while it starts, drains, suspends or shuts down, and while a module's contributor (cluster mode: NATS, etcd) is not
 * ready.
 */
@Readiness
@ApplicationScoped
public class PitayaReadinessCheck implements HealthCheck {

    static final String NAME = "pitaya";

    @Inject
    @Any
    Instance<ReadinessContributor> contributors;

    @Override
    public HealthCheckResponse call() {
        ServerState state = ServerState.now(contributors);
        return response(NAME, state.ready(), state.data());
    }

    static HealthCheckResponse response(String name, boolean up, Map<String, Object> data) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(name).status(up);
        data.forEach((key, value) -> {
            if (value instanceof Boolean b) {
                builder.withData(key, b);
            } else {
                builder.withData(key, String.valueOf(value));
            }
        });
        return builder.build();
    }
}
