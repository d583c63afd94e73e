package io.pitaya.cluster.discovery;

import io.pitaya.cluster.server.ServerDescriptor;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Known servers by id and by type. Written by one thread (the discovery's), read by any: both indexes are
 * concurrent maps, so a reader may see a server in one index a moment before the other, never a torn record.
 */
final class ServerCache {

    private final Map<String, ServerDescriptor> byId = new ConcurrentHashMap<>();
    private final Map<String, Map<String, ServerDescriptor>> byType = new ConcurrentHashMap<>();

    /** Adds or replaces; returns true when the server was not known before (replacing is not news). */
    boolean put(ServerDescriptor server) {
        ServerDescriptor previous = byId.put(server.id(), server);
        if (previous != null && !previous.type().equals(server.type())) {
            removeFromType(previous);
        }
        byType.computeIfAbsent(server.type(), t -> new ConcurrentHashMap<>()).put(server.id(), server);
        return previous == null;
    }

    Optional<ServerDescriptor> remove(String id) {
        ServerDescriptor removed = byId.remove(id);
        if (removed != null) {
            removeFromType(removed);
        }
        return Optional.ofNullable(removed);
    }

    Optional<ServerDescriptor> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    Collection<ServerDescriptor> byType(String type) {
        Map<String, ServerDescriptor> servers = byType.get(type);
        return servers == null ? List.of() : List.copyOf(servers.values());
    }

    Collection<ServerDescriptor> all() {
        return List.copyOf(byId.values());
    }

    Set<String> ids() {
        return Set.copyOf(byId.keySet());
    }

    private void removeFromType(ServerDescriptor server) {
        byType.computeIfPresent(server.type(), (t, servers) -> {
            servers.remove(server.id());
            return servers.isEmpty() ? null : servers;
        });
    }
}
