package io.pitaya.core.metrics;

import io.pitaya.api.metrics.PitayaMetrics;
import io.pitaya.api.metrics.Reporter;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives an application's {@link Reporter} bean the core's events with Pitaya's metric names and tags. A reporter
 * that throws never breaks the message: the failure is logged at FINE (it may happen on every message).
 */
public final class ReporterAdapter implements MetricsReporter {

    private static final Logger LOG = Logger.getLogger(ReporterAdapter.class.getName());
    private static final Map<String, String> NO_TAGS = Map.of();
    private static final Map<String, String> AGENT_SEND = Map.of(PitayaMetrics.TAG_CHANNEL, PitayaMetrics.CHANNEL_AGENT_SEND);

    private final Reporter reporter;

    public ReporterAdapter(Reporter reporter) {
        this.reporter = reporter;
    }

    @Override
    public void responseTime(String route, String type, String code, long nanos) {
        Map<String, String> tags = Map.of(PitayaMetrics.TAG_ROUTE, route,
                PitayaMetrics.TAG_STATUS, code == null ? PitayaMetrics.STATUS_OK : PitayaMetrics.STATUS_FAILED,
                PitayaMetrics.TAG_TYPE, type,
                PitayaMetrics.TAG_CODE, code == null ? "" : code);
        try {
            reporter.reportSummary(PitayaMetrics.RESPONSE_TIME, tags, nanos);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void handlerDelay(String route, String type, long nanos) {
        try {
            reporter.reportSummary(PitayaMetrics.HANDLER_DELAY,
                    Map.of(PitayaMetrics.TAG_ROUTE, route, PitayaMetrics.TAG_TYPE, type), nanos);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void connectedClients(int count) {
        try {
            reporter.reportGauge(PitayaMetrics.CONNECTED_CLIENTS, NO_TAGS, count);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void channelCapacity(String channel, int free) {
        try {
            reporter.reportHistogram(PitayaMetrics.CHANNEL_CAPACITY,
                    PitayaMetrics.CHANNEL_AGENT_SEND.equals(channel) ? AGENT_SEND : Map.of(PitayaMetrics.TAG_CHANNEL, channel),
                    free);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void countServers(String serverType, int count) {
        try {
            reporter.reportGauge(PitayaMetrics.COUNT_SERVERS, Map.of(PitayaMetrics.TAG_TYPE, serverType), count);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void droppedMessages(long count) {
        try {
            reporter.reportGauge(PitayaMetrics.DROPPED_MESSAGES, NO_TAGS, count);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void exceededRateLimiting() {
        try {
            reporter.reportCount(PitayaMetrics.EXCEEDED_RATE_LIMITING, NO_TAGS, 1);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(RuntimeException e) {
        LOG.log(Level.FINE, "metrics reporter " + reporter.getClass().getName() + " failed", e);
    }

    @Override
    public String toString() {
        return reporter.getClass().getName();
    }
}
