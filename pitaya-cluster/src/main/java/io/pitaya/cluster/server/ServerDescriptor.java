package io.pitaya.cluster.server;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A server of the cluster as Pitaya describes it in etcd: its id (a UUID by default), its type (the first part of
 * the routes it serves), string metadata, whether it holds client connections, and its host name.
 *
 * <p>Type and id become segments of the etcd key {@code servers/<type>/<id>} and of the NATS subject
 * {@code pitaya/servers/<type>/<id>}, so neither may be empty or contain {@code /}.
 */
public record ServerDescriptor(String id, String type, Map<String, String> metadata, boolean frontend,
                               String hostname) {

    public ServerDescriptor {
        requireSegment("server id", id);
        requireSegment("server type", type);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        hostname = hostname == null ? "" : hostname;
    }

    /** A new server of the given type with a random UUID, as Pitaya's builder does by default. */
    public static ServerDescriptor create(String type, boolean frontend, Map<String, String> metadata,
                                          String hostname) {
        return new ServerDescriptor(UUID.randomUUID().toString(), type, metadata, frontend, hostname);
    }

    private static void requireSegment(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.indexOf('/') >= 0) {
            throw new IllegalArgumentException(what + " must be non-empty and must not contain '/': " + value);
        }
    }
}
