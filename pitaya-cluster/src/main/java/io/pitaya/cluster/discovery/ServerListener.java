package io.pitaya.cluster.discovery;

import io.pitaya.cluster.server.ServerDescriptor;

/**
 * Told when another server joins or leaves the cluster (never about this server itself). Called on the
 * discovery's own thread, one event at a time and in order; do not block it.
 */
public interface ServerListener {

    void serverAdded(ServerDescriptor server);

    void serverRemoved(ServerDescriptor server);
}
