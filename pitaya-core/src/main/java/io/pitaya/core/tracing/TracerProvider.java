package io.pitaya.core.tracing;

import io.pitaya.core.config.PitayaConfig;

import java.util.Optional;

/**
 * A tracing module's {@link Tracer}, found as a CDI bean (the {@code pitaya-tracing} module) so that the core needs
 * none of its libraries. Asked once, when the core's beans are built; empty when tracing is off.
 */
public interface TracerProvider {

    /** @param server this server's settings (its id names it in the spans) */
    Optional<Tracer> tracer(PitayaConfig server);
}
