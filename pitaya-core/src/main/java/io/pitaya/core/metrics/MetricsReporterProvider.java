package io.pitaya.core.metrics;

import java.util.Optional;

/**
 * A metrics module's reporter, found as a CDI bean (the {@code pitaya-metrics} module's Micrometer registries) so
 * that the core needs none of its libraries. Asked once, when the core's beans are built; empty when its
 * configuration leaves it off.
 */
public interface MetricsReporterProvider {

    Optional<MetricsReporter> reporter();
}
