package io.pitaya.api.cluster;

import java.util.Map;
import java.util.Objects;

/**
 * A server of the cluster as service discovery knows it (Pitaya's {@code cluster.Server}), read-only: its unique id,
 * its type, the metadata it registered with ({@code pitaya.server.metadata}), whether it is a frontend and its host.
 */
public record ClusterServer(String id, String type, Map<String, String> metadata, boolean frontend, String hostname) {

    public ClusterServer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        hostname = hostname == null ? "" : hostname;
    }
}
