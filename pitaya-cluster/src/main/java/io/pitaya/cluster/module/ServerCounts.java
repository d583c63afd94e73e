package io.pitaya.cluster.module;

import io.pitaya.cluster.discovery.ServerListener;
import io.pitaya.cluster.discovery.ServiceDiscovery;
import io.pitaya.cluster.server.ServerDescriptor;
import io.pitaya.core.metrics.MetricsReporter;

import java.util.HashSet;
import java.util.Set;

/**
 * Reports {@code count_servers} per server type as service discovery sees the cluster (this server included), which
 * Pitaya declares and never reports: once at start, then on every server joining or leaving.
 */
final class ServerCounts implements ServerListener {

    private final ServiceDiscovery discovery;
    private final MetricsReporter metrics;

    private ServerCounts(ServiceDiscovery discovery, MetricsReporter metrics) {
        this.discovery = discovery;
        this.metrics = metrics;
    }

    static void report(ServiceDiscovery discovery, MetricsReporter metrics) {
        if (metrics == MetricsReporter.NONE) {
            return;
        }
        ServerCounts counts = new ServerCounts(discovery, metrics);
        discovery.addListener(counts);
        Set<String> types = new HashSet<>();
        discovery.servers().forEach(server -> types.add(server.type()));
        types.forEach(counts::count);
    }

    @Override
    public void serverAdded(ServerDescriptor server) {
        count(server.type());
    }

    @Override
    public void serverRemoved(ServerDescriptor server) {
        count(server.type());
    }

    private void count(String type) {
        metrics.countServers(type, discovery.serversOfType(type).size());
    }
}
