package io.pitaya.admin;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.distribution.pause.NoPauseDetector;
import io.micrometer.core.instrument.simple.CountingMode;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pitaya.api.metrics.PitayaMetrics;
import io.pitaya.core.metrics.BoundedRoutes;
import io.pitaya.core.metrics.MetricsReporter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Requests per second and p50/p99 per route, from the core's {@code responseTime} events, on a Micrometer registry of
 * its own (not exported anywhere, so the page works whether Prometheus is on or off). Counts are in one-second steps
 * (the rate is the last whole second's); percentiles come from Micrometer's time-window histograms, which forget
 * samples older than the window. Per message: one map lookup and the timer's lock-free updates.
 */
final class RouteTraffic implements MetricsReporter {

    static final String OTHER_ROUTE = BoundedRoutes.OTHER_ROUTE;
    private static final Duration STEP = Duration.ofSeconds(1);
    private static final double[] PERCENTILES = {0.5, 0.99};

    private final MeterRegistry registry;
    private final Duration window;
    private final BoundedRoutes<RouteMeters> handlerRoutes;
    private final BoundedRoutes<RouteMeters> rpcRoutes;

    /** A route's numbers as the page shows them; p50 and p99 in milliseconds, null without samples in the window. */
    record Row(String route, String type, double rate, double errors, Double p50, Double p99) {
    }

    RouteTraffic(Clock clock, Duration window, int maxRoutes) {
        this.registry = new SimpleMeterRegistry(new SimpleConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public CountingMode mode() {
                return CountingMode.STEP;
            }

            @Override
            public Duration step() {
                return STEP;
            }
        }, clock);
        registry.config().pauseDetector(new NoPauseDetector());
        this.window = window;
        this.handlerRoutes = new BoundedRoutes<>(maxRoutes, r -> new RouteMeters(r, PitayaMetrics.TYPE_HANDLER));
        this.rpcRoutes = new BoundedRoutes<>(maxRoutes, r -> new RouteMeters(r, PitayaMetrics.TYPE_RPC));
    }

    @Override
    public void responseTime(String route, String type, String code, long nanos) {
        RouteMeters meters = (PitayaMetrics.TYPE_RPC.equals(type) ? rpcRoutes : handlerRoutes).get(route);
        meters.latency.record(nanos, TimeUnit.NANOSECONDS);
        if (code != null) {
            meters.failures.increment();
        }
    }

    /** Every route seen since start, client routes before RPCs, by name. */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (BoundedRoutes<RouteMeters> routes : List.of(handlerRoutes, rpcRoutes)) {
            routes.values().stream().sorted(Comparator.comparing(m -> m.route)).forEach(m -> rows.add(m.row()));
        }
        return rows;
    }

    void close() {
        registry.close();
    }

    private final class RouteMeters {
        final String route;
        final String type;
        final Timer latency;
        final Counter failures;

        RouteMeters(String route, String type) {
            this.route = route;
            this.type = type;
            this.latency = Timer.builder("latency").tag("route", route).tag("type", type)
                    .publishPercentiles(PERCENTILES).percentilePrecision(2)
                    .distributionStatisticExpiry(window).distributionStatisticBufferLength(2)
                    .register(registry);
            this.failures = Counter.builder("failures").tag("route", route).tag("type", type).register(registry);
        }

        Row row() {
            HistogramSnapshot snapshot = latency.takeSnapshot();
            Double p50 = null;
            Double p99 = null;
            for (ValueAtPercentile value : snapshot.percentileValues()) {
                double millis = value.value(TimeUnit.MILLISECONDS);
                if (millis > 0) { // an empty window answers 0
                    if (value.percentile() == 0.5) {
                        p50 = millis;
                    } else {
                        p99 = millis;
                    }
                }
            }
            double seconds = STEP.toMillis() / 1000.0;
            return new Row(route, type, snapshot.count() / seconds, failures.count() / seconds, p50, p99);
        }
    }
}
