package io.pitaya.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.util.List;

/** Liveness ({@code /health/live}): UP while the core runs, draining included (see {@link ServerState}). */
@Liveness
@ApplicationScoped
public class PitayaLivenessCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        ServerState state = ServerState.now(List.of());
        return PitayaReadinessCheck.response(PitayaReadinessCheck.NAME, state.live(),
                java.util.Map.of("core", state.data().get("core")));
    }
}
