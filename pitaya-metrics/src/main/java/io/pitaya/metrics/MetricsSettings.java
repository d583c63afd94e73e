package io.pitaya.metrics;

import io.pitaya.core.config.ConfigReader;
import io.pitaya.core.config.GoDuration;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics module's settings, with Pitaya's keys where Pitaya has them ({@code pitaya.metrics.*}).
 *
 * @param prometheus     {@code pitaya.metrics.prometheus.enabled}: a Prometheus registry, scraped at {@code /pitaya/metrics}
 * @param statsd         {@code pitaya.metrics.statsd.enabled}: a StatsD registry
 * @param statsdHost     {@code pitaya.metrics.statsd.host}, {@code host:port}
 * @param statsdPrefix   {@code pitaya.metrics.statsd.prefix}, before Pitaya's metric names
 * @param statsdFlavor   {@code pitaya.metrics.statsd.flavor}: {@code datadog} (Pitaya's DogStatsD tags), {@code etsy}, {@code telegraf}
 * @param jvm            {@code pitaya.metrics.jvm.enabled}: the JVM's own metrics (memory, GC, threads, classes, CPU)
 * @param constLabels    {@code pitaya.metrics.game} as {@code game}, the server type as {@code serverType}, and
 *                       {@code pitaya.metrics.constlabels} ({@code key=value,...}) on every metric
 * @param latencyBuckets {@code pitaya.metrics.latency.buckets}: the latency histograms' upper bounds (Go durations)
 * @param maxRoutes      {@code pitaya.metrics.maxroutes}: distinct routes tagged before the rest count as {@code _other}
 */
public record MetricsSettings(boolean prometheus, boolean statsd, String statsdHost, int statsdPort, String statsdPrefix,
                              String statsdFlavor, boolean jvm, Map<String, String> constLabels,
                              List<Duration> latencyBuckets, int maxRoutes) {

    public static final String PROMETHEUS_ENABLED = "pitaya.metrics.prometheus.enabled";
    public static final String STATSD_ENABLED = "pitaya.metrics.statsd.enabled";
    public static final String STATSD_HOST = "pitaya.metrics.statsd.host";
    public static final String STATSD_PREFIX = "pitaya.metrics.statsd.prefix";
    public static final String STATSD_FLAVOR = "pitaya.metrics.statsd.flavor";
    public static final String JVM_ENABLED = "pitaya.metrics.jvm.enabled";
    public static final String GAME = "pitaya.metrics.game";
    public static final String CONST_LABELS = "pitaya.metrics.constlabels";
    public static final String LATENCY_BUCKETS = "pitaya.metrics.latency.buckets";
    public static final String MAX_ROUTES = "pitaya.metrics.maxroutes";

    /** From 100 µs to 10 s: a game server's requests, and its slow ones. */
    public static final List<Duration> DEFAULT_LATENCY_BUCKETS = List.of(
            Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
            Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10));

    public MetricsSettings {
        constLabels = Map.copyOf(constLabels);
        latencyBuckets = List.copyOf(latencyBuckets);
        if (latencyBuckets.isEmpty()) {
            throw new IllegalArgumentException(LATENCY_BUCKETS + " must name at least one bound");
        }
        if (maxRoutes < 1) {
            throw new IllegalArgumentException(MAX_ROUTES + " must be >= 1: " + maxRoutes);
        }
    }

    public boolean anyRegistry() {
        return prometheus || statsd;
    }

    public static MetricsSettings from(Config config, String serverType) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("serverType", serverType);
        ConfigReader.string(config, GAME).ifPresent(game -> labels.put("game", game));
        for (String pair : ConfigReader.list(config, CONST_LABELS)) {
            int eq = pair.indexOf('=') >= 0 ? pair.indexOf('=') : pair.indexOf(':');
            if (eq <= 0) {
                throw new IllegalArgumentException(CONST_LABELS + " must be key=value pairs: " + pair);
            }
            labels.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        String host = ConfigReader.string(config, STATSD_HOST).orElse("localhost:9125");
        int colon = host.lastIndexOf(':');
        int port;
        try {
            port = colon < 0 ? 8125 : Integer.parseInt(host.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(STATSD_HOST + " must be host:port: " + host, e);
        }
        List<Duration> buckets = new ArrayList<>();
        for (String bound : ConfigReader.list(config, LATENCY_BUCKETS)) {
            try {
                buckets.add(GoDuration.parse(bound.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(LATENCY_BUCKETS + ": " + e.getMessage(), e);
            }
        }
        return new MetricsSettings(
                ConfigReader.bool(config, PROMETHEUS_ENABLED, false),
                ConfigReader.bool(config, STATSD_ENABLED, false),
                colon < 0 ? host : host.substring(0, colon), port,
                ConfigReader.string(config, STATSD_PREFIX).orElse("pitaya."),
                ConfigReader.string(config, STATSD_FLAVOR).orElse("datadog"),
                ConfigReader.bool(config, JVM_ENABLED, true),
                labels,
                buckets.isEmpty() ? DEFAULT_LATENCY_BUCKETS : buckets,
                ConfigReader.integer(config, MAX_ROUTES, 1000));
    }
}
