package io.pitaya.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.pitaya.core.config.ConfigReader;
import io.pitaya.core.config.PitayaConfig;
import io.pitaya.core.tracing.Tracer;
import io.pitaya.core.tracing.TracerProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.util.Optional;

/**
 * The tracing module as the core sees it: with {@code pitaya.tracing.enabled=true}, an {@link OpenTelemetryTracer} on
 * the server's {@code OpenTelemetry} (the CDI bean MicroProfile Telemetry provides, e.g. WildFly's
 * {@code opentelemetry} and {@code microprofile-telemetry} subsystems), else on {@link GlobalOpenTelemetry} (an agent's
 * or the application's). Off by default: the core then calls no tracing code at all.
 */
@ApplicationScoped
public class PitayaTracing implements TracerProvider {

    public static final String ENABLED = "pitaya.tracing.enabled";

    @Inject
    Config config;

    @Inject
    @Any
    Instance<OpenTelemetry> openTelemetry;

    @Override
    public Optional<Tracer> tracer(PitayaConfig server) {
        if (!ConfigReader.bool(config, ENABLED, false)) {
            return Optional.empty();
        }
        OpenTelemetry otel = openTelemetry.isResolvable() ? openTelemetry.get() : GlobalOpenTelemetry.get();
        return Optional.of(new OpenTelemetryTracer(otel, server.serverId()));
    }
}
