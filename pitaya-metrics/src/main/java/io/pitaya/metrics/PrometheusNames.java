package io.pitaya.metrics;

import io.pitaya.api.metrics.PitayaMetrics;

import java.util.Map;

/**
 * Pitaya's Prometheus names (namespace {@code pitaya}, then the subsystem, then the metric: PROTOCOL.md, "Metrics
 * emitted"), so that dashboards made for Go Pitaya servers work; and back to Pitaya's plain names for StatsD.
 */
final class PrometheusNames {

    static final String RESPONSE_TIME = "pitaya_handler_" + PitayaMetrics.RESPONSE_TIME;
    static final String HANDLER_DELAY = "pitaya_handler_" + PitayaMetrics.HANDLER_DELAY;
    static final String CONNECTED_CLIENTS = "pitaya_acceptor_" + PitayaMetrics.CONNECTED_CLIENTS;
    static final String COUNT_SERVERS = "pitaya_service_discovery_" + PitayaMetrics.COUNT_SERVERS;
    static final String CHANNEL_CAPACITY = "pitaya_channel_" + PitayaMetrics.CHANNEL_CAPACITY;
    static final String DROPPED_MESSAGES = "pitaya_rpc_server_" + PitayaMetrics.DROPPED_MESSAGES;
    static final String EXCEEDED_RATE_LIMITING = "pitaya_acceptor_" + PitayaMetrics.EXCEEDED_RATE_LIMITING;

    private static final Map<String, String> PITAYA_NAMES = Map.of(
            RESPONSE_TIME, PitayaMetrics.RESPONSE_TIME,
            HANDLER_DELAY, PitayaMetrics.HANDLER_DELAY,
            CONNECTED_CLIENTS, PitayaMetrics.CONNECTED_CLIENTS,
            COUNT_SERVERS, PitayaMetrics.COUNT_SERVERS,
            CHANNEL_CAPACITY, PitayaMetrics.CHANNEL_CAPACITY,
            DROPPED_MESSAGES, PitayaMetrics.DROPPED_MESSAGES,
            EXCEEDED_RATE_LIMITING, PitayaMetrics.EXCEEDED_RATE_LIMITING);

    private PrometheusNames() {
    }

    /** Pitaya's plain name of one of its metrics (StatsD), or null for another meter (the JVM's). */
    static String pitayaName(String prometheusName) {
        return PITAYA_NAMES.get(prometheusName);
    }
}
