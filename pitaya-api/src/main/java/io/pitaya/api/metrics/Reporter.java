package io.pitaya.api.metrics;

import java.util.Map;

/**
 * A custom metrics reporter, like Pitaya's {@code metrics.Reporter}: make it a CDI bean (usually
 * {@code @ApplicationScoped}) in the application and the server calls it with Pitaya's metrics (names in
 * {@link PitayaMetrics}, without the {@code pitaya_} prefix and subsystem a Prometheus registry adds). The calls come
 * from the threads that see the events (I/O and handler threads), so they must be quick and thread-safe, and must
 * not throw; keep slow work (network) off the caller's thread.
 *
 * <p>As in Pitaya: response times and handler delays arrive through {@link #reportSummary} in nanoseconds, the
 * channel capacity through {@link #reportHistogram}, the connected clients, server counts and dropped messages through
 * {@link #reportGauge}, and the rate-limited packets through {@link #reportCount}.
 */
public interface Reporter {

    void reportCount(String metric, Map<String, String> tags, double count);

    void reportSummary(String metric, Map<String, String> tags, double value);

    void reportHistogram(String metric, Map<String, String> tags, double value);

    void reportGauge(String metric, Map<String, String> tags, double value);
}
