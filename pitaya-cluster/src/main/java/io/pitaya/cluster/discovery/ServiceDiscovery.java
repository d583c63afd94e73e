package io.pitaya.cluster.discovery;

import io.pitaya.cluster.server.ServerDescriptor;

import java.util.Collection;
import java.util.Optional;

/**
 * The servers of the cluster as last seen, this server included. Reads never block and never fail: when the
 * registry is unreachable they answer with the last known servers.
 */
public interface ServiceDiscovery extends AutoCloseable {

    ServerDescriptor self();

    Optional<ServerDescriptor> server(String id);

    Collection<ServerDescriptor> serversOfType(String type);

    Collection<ServerDescriptor> servers();

    void addListener(ServerListener listener);

    void removeListener(ServerListener listener);

    /** Leaves the cluster (peers see this server go at once) and releases every thread and connection. */
    @Override
    void close();
}
