package io.pitaya.spi;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The server's metrics in a scrape format (Prometheus text), for the web module's {@code /pitaya/metrics} servlet: a
 * CDI bean of the metrics module, so the web module needs none of its libraries. Absent or disabled, the servlet
 * answers 404.
 */
public interface MetricsExposition {

    /** Whether the metrics are exposed ({@code pitaya.metrics.prometheus.enabled}). */
    boolean enabled();

    /** The content type of {@link #write}'s output. */
    String contentType();

    /** Writes every metric's current value. */
    void write(OutputStream out) throws IOException;
}
