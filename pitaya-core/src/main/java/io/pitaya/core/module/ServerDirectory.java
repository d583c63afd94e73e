package io.pitaya.core.module;

import io.pitaya.api.cluster.ClusterServer;

import java.util.List;

/**
 * The servers of the cluster as a module's service discovery last saw them, for operators (the admin page): a CDI
 * bean of the cluster module, so that readers need none of its libraries. Answers from what discovery already
 * knows, without network calls.
 */
public interface ServerDirectory {

    /** Every known server, this one included; empty when this server runs standalone (cluster mode off). */
    List<ClusterServer> servers();
}
