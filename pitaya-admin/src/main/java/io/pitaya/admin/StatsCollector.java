package io.pitaya.admin;

import io.pitaya.api.cluster.ClusterServer;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Puts {@link AdminStats} together from where each part lives: the session count, the group service, service
 * discovery and the routes' meters. A group service that fails (etcd unreachable) leaves the groups empty with its
 * error; the rest is still shown.
 */
final class StatsCollector {

    private final ClusterServer self;
    private final long windowSeconds;
    private final IntSupplier clients;
    private final Supplier<SortedMap<String, Integer>> groups;
    private final Supplier<List<ClusterServer>> cluster;
    private final RouteTraffic routes;
    private final LongSupplier wallClock;

    /**
     * @param self    this server, listed alone when {@code cluster} answers none (standalone)
     * @param cluster the servers discovery knows, this one included; empty standalone
     */
    StatsCollector(ClusterServer self, long windowSeconds, IntSupplier clients,
                   Supplier<SortedMap<String, Integer>> groups, Supplier<List<ClusterServer>> cluster,
                   RouteTraffic routes, LongSupplier wallClock) {
        this.self = self;
        this.windowSeconds = windowSeconds;
        this.clients = clients;
        this.groups = groups;
        this.cluster = cluster;
        this.routes = routes;
        this.wallClock = wallClock;
    }

    AdminStats collect() {
        List<AdminStats.Group> groupRows = new ArrayList<>();
        String groupsError = null;
        try {
            groups.get().forEach((name, size) -> groupRows.add(new AdminStats.Group(name, size)));
        } catch (RuntimeException e) {
            groupsError = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        List<ClusterServer> known = cluster.get();
        List<AdminStats.Server> servers = new ArrayList<>();
        for (ClusterServer server : known.isEmpty() ? List.of(self) : known) {
            servers.add(new AdminStats.Server(server.id(), server.type(), server.frontend(), server.hostname(),
                    server.id().equals(self.id())));
        }
        return new AdminStats(self.id(), self.type(), wallClock.getAsLong(), windowSeconds, clients.getAsInt(),
                routes.rows(), groupRows, groupsError, servers);
    }
}
