package io.pitaya.admin;

import java.util.List;

/**
 * What the admin page shows at one moment, as its JSON ({@code GET /pitaya/admin/stats}).
 *
 * @param server        this server's id
 * @param serverType    this server's type
 * @param time          when it was taken, epoch milliseconds
 * @param windowSeconds how far back p50 and p99 look, at most
 * @param clients       clients connected to this server
 * @param routes        requests per second and latencies per route seen here
 * @param groups        every group and its size (in cluster mode with etcd groups, the cluster's)
 * @param groupsError   why the groups could not be read (e.g. etcd unreachable), or null
 * @param servers       the cluster's servers; standalone, this one
 */
public record AdminStats(String server, String serverType, long time, long windowSeconds, int clients,
                         List<RouteTraffic.Row> routes, List<Group> groups, String groupsError, List<Server> servers) {

    public record Group(String name, int size) {
    }

    /** A server of the cluster; {@code self} marks the one answering. */
    public record Server(String id, String type, boolean frontend, String hostname, boolean self) {
    }
}
