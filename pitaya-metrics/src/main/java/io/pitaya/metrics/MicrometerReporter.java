package io.pitaya.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pitaya.api.metrics.PitayaMetrics;
import io.pitaya.core.metrics.BoundedRoutes;
import io.pitaya.core.metrics.MetricsReporter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The core's metrics on a Micrometer registry with Pitaya's names and labels. Latencies are histograms with fixed
 * buckets (Prometheus sums them across servers; Pitaya's summaries cannot be aggregated). Meters are looked up per
 * event in maps keyed by route, without allocating once a route has been seen; routes beyond
 * {@code pitaya.metrics.maxroutes} share the route label {@value #OTHER_ROUTE}, so clients sending made-up routes
 * cannot grow the registry without bound.
 */
public final class MicrometerReporter implements MetricsReporter {

    static final String OTHER_ROUTE = BoundedRoutes.OTHER_ROUTE;
    /** Pitaya's buckets for the free slots of a channel, but its 0 (Micrometer takes bounds above 0: le=1 holds "full"). */
    private static final double[] CAPACITY_BUCKETS = {1, 10, 50, 100, 250, 500, 750, 1000, 1500, 2000, 3000, 4000, 5000};

    private final MeterRegistry registry;
    private final double[] latencyBuckets;
    private final BoundedRoutes<RouteMeters> handlerRoutes;
    private final BoundedRoutes<RouteMeters> rpcRoutes;
    private final BoundedRoutes<DistributionSummary> localDelays;
    private final BoundedRoutes<DistributionSummary> remoteDelays;
    private final Map<String, DistributionSummary> channels = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> servers = new ConcurrentHashMap<>();
    private final DistributionSummary agentSend;
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final LongAdder exceeded = new LongAdder();

    public MicrometerReporter(MeterRegistry registry, List<Duration> latencyBuckets, int maxRoutes) {
        this.registry = registry;
        this.latencyBuckets = latencyBuckets.stream().mapToDouble(Duration::toNanos).sorted().toArray();
        this.handlerRoutes = new BoundedRoutes<>(maxRoutes, r -> new RouteMeters(r, PitayaMetrics.TYPE_HANDLER));
        this.rpcRoutes = new BoundedRoutes<>(maxRoutes, r -> new RouteMeters(r, PitayaMetrics.TYPE_RPC));
        this.localDelays = new BoundedRoutes<>(maxRoutes, r -> handlerDelay(r, PitayaMetrics.TYPE_LOCAL));
        this.remoteDelays = new BoundedRoutes<>(maxRoutes, r -> handlerDelay(r, PitayaMetrics.TYPE_REMOTE));
        Gauge.builder(PrometheusNames.CONNECTED_CLIENTS, connected, AtomicInteger::get)
                .description("clients connected to this server").register(registry);
        Gauge.builder(PrometheusNames.DROPPED_MESSAGES, dropped, AtomicLong::get)
                .description("messages the RPC server's subscription dropped").register(registry);
        // a gauge holding the running count, so the name is Pitaya's (a Prometheus counter would gain _total)
        Gauge.builder(PrometheusNames.EXCEEDED_RATE_LIMITING, exceeded, LongAdder::sum)
                .description("packets dropped by rate limiting since start").register(registry);
        agentSend = channel(PitayaMetrics.CHANNEL_AGENT_SEND);
    }

    @Override
    public void responseTime(String route, String type, String code, long nanos) {
        (PitayaMetrics.TYPE_RPC.equals(type) ? rpcRoutes : handlerRoutes).get(route).record(code, nanos);
    }

    @Override
    public void handlerDelay(String route, String type, long nanos) {
        (PitayaMetrics.TYPE_REMOTE.equals(type) ? remoteDelays : localDelays).get(route).record(nanos);
    }

    @Override
    public void connectedClients(int count) {
        connected.set(count);
    }

    @Override
    public void channelCapacity(String channel, int free) {
        DistributionSummary summary = PitayaMetrics.CHANNEL_AGENT_SEND.equals(channel) ? agentSend
                : channels.computeIfAbsent(channel, this::channel);
        summary.record(free);
    }

    @Override
    public void countServers(String serverType, int count) {
        servers.computeIfAbsent(serverType, t -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder(PrometheusNames.COUNT_SERVERS, value, AtomicInteger::get)
                    .description("servers of this type in the cluster").tag(PitayaMetrics.TAG_TYPE, t).register(registry);
            return value;
        }).set(count);
    }

    @Override
    public void droppedMessages(long count) {
        dropped.set(count);
    }

    @Override
    public void exceededRateLimiting() {
        exceeded.increment();
    }

    private DistributionSummary handlerDelay(String route, String type) {
        return latency(PrometheusNames.HANDLER_DELAY)
                .description("nanoseconds a client message waited before its handler or forwarding began")
                .tag(PitayaMetrics.TAG_ROUTE, route).tag(PitayaMetrics.TAG_TYPE, type).register(registry);
    }

    private DistributionSummary channel(String channel) {
        return DistributionSummary.builder(PrometheusNames.CHANNEL_CAPACITY)
                .description("free slots of a bounded queue when something is queued")
                .tag(PitayaMetrics.TAG_CHANNEL, channel)
                .serviceLevelObjectives(CAPACITY_BUCKETS)
                .register(registry);
    }

    private DistributionSummary.Builder latency(String name) {
        return DistributionSummary.builder(name).serviceLevelObjectives(latencyBuckets);
    }

    /** The response-time histograms of one route: succeeded, and failed by error code. */
    private final class RouteMeters {
        private final String route;
        private final String type;
        private final DistributionSummary ok;
        private final Map<String, DistributionSummary> failed = new ConcurrentHashMap<>();

        RouteMeters(String route, String type) {
            this.route = route;
            this.type = type;
            this.ok = responseTime(PitayaMetrics.STATUS_OK, "");
        }

        void record(String code, long nanos) {
            DistributionSummary summary = code == null ? ok : failed.get(code);
            if (summary == null) {
                summary = failed.computeIfAbsent(code, c -> responseTime(PitayaMetrics.STATUS_FAILED, c));
            }
            summary.record(nanos);
        }

        private DistributionSummary responseTime(String status, String code) {
            return latency(PrometheusNames.RESPONSE_TIME)
                    .description("nanoseconds from a client message's arrival to its answer, or of an RPC")
                    .tag(PitayaMetrics.TAG_ROUTE, route).tag(PitayaMetrics.TAG_STATUS, status)
                    .tag(PitayaMetrics.TAG_TYPE, type).tag(PitayaMetrics.TAG_CODE, code)
                    .register(registry);
        }
    }
}
