package io.pitaya.core.metrics;

import java.util.List;

/** Several reporters as one: each event goes to every one, in order. */
public final class MetricsReporters implements MetricsReporter {

    private final MetricsReporter[] reporters;

    private MetricsReporters(List<MetricsReporter> reporters) {
        this.reporters = reporters.toArray(MetricsReporter[]::new);
    }

    /** {@link MetricsReporter#NONE} for none, the reporter itself for one, else all of them. */
    public static MetricsReporter of(List<MetricsReporter> reporters) {
        return switch (reporters.size()) {
            case 0 -> NONE;
            case 1 -> reporters.get(0);
            default -> new MetricsReporters(reporters);
        };
    }

    @Override
    public void responseTime(String route, String type, String code, long nanos) {
        for (MetricsReporter r : reporters) {
            r.responseTime(route, type, code, nanos);
        }
    }

    @Override
    public void handlerDelay(String route, String type, long nanos) {
        for (MetricsReporter r : reporters) {
            r.handlerDelay(route, type, nanos);
        }
    }

    @Override
    public void connectedClients(int count) {
        for (MetricsReporter r : reporters) {
            r.connectedClients(count);
        }
    }

    @Override
    public void channelCapacity(String channel, int free) {
        for (MetricsReporter r : reporters) {
            r.channelCapacity(channel, free);
        }
    }

    @Override
    public void countServers(String serverType, int count) {
        for (MetricsReporter r : reporters) {
            r.countServers(serverType, count);
        }
    }

    @Override
    public void droppedMessages(long count) {
        for (MetricsReporter r : reporters) {
            r.droppedMessages(count);
        }
    }

    @Override
    public void exceededRateLimiting() {
        for (MetricsReporter r : reporters) {
            r.exceededRateLimiting();
        }
    }

    @Override
    public String toString() {
        return java.util.Arrays.toString(reporters);
    }
}
