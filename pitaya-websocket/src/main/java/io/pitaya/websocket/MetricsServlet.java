package io.pitaya.websocket;

import io.pitaya.spi.MetricsExposition;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code GET /pitaya/metrics}: the server's metrics in Prometheus text format, from the metrics module's
 * {@link MetricsExposition} bean; 404 when the module is not deployed or {@code pitaya.metrics.prometheus.enabled}
 * is false (mapped in {@code web.xml}).
 */
public class MetricsServlet extends HttpServlet {

    @Inject
    @Any
    transient Instance<MetricsExposition> expositions;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        MetricsExposition exposition = EnabledBeans.first(expositions, MetricsExposition::enabled);
        if (exposition == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "metrics are off (pitaya.metrics.prometheus.enabled)");
            return;
        }
        response.setContentType(exposition.contentType());
        exposition.write(response.getOutputStream());
    }
}
