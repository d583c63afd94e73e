package io.pitaya.cluster.routing;

import io.pitaya.api.PitayaException;
import io.pitaya.api.Session;
import io.pitaya.api.cluster.ClusterServer;
import io.pitaya.api.cluster.ServerRouter;
import io.pitaya.cluster.server.ServerDescriptor;
import io.pitaya.core.remote.RemoteErrors;
import io.pitaya.core.router.ServerRouters;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks the server of a type that gets a forwarded message or a remote call, as Pitaya's router: none of the type is
 * PIT-500 "no servers available of this type"; the application's {@link ServerRouter} of the type chooses when there
 * is one, else a random server. A router's failure is the caller's error as Go's {@code e.NewError(err,
 * ErrInternalCode)} makes it: a {@link PitayaException} as it is, anything else PIT-500 with its message.
 */
public final class ServerChooser {

    private final ServerRouters routers;

    public ServerChooser(ServerRouters routers) {
        this.routers = routers;
    }

    /**
     * @param session the player's session of a forwarded message; null for a remote call
     * @throws PitayaException when no server of the type is known or the router fails
     */
    public ServerDescriptor choose(String serverType, String route, Session session, byte[] payload,
                                   Collection<ServerDescriptor> ofType) {
        if (ofType.isEmpty()) {
            throw RemoteErrors.noServers(serverType);
        }
        Optional<ServerRouter> router = routers.forType(serverType);
        if (router.isEmpty()) {
            List<ServerDescriptor> servers = new ArrayList<>(ofType);
            return servers.get(ThreadLocalRandom.current().nextInt(servers.size()));
        }
        List<ServerDescriptor> servers = new ArrayList<>(ofType);
        servers.sort(Comparator.comparing(ServerDescriptor::id));
        List<ClusterServer> views = servers.stream().map(ServerChooser::view).toList();
        ClusterServer chosen;
        try {
            chosen = router.get().route(route, Optional.ofNullable(session), payload, views);
        } catch (PitayaException e) {
            throw e;
        } catch (Exception e) {
            String message = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
            throw new PitayaException(PitayaException.INTERNAL, message, Map.of(), e);
        }
        if (chosen != null) {
            for (ServerDescriptor server : servers) {
                if (server.id().equals(chosen.id())) {
                    return server;
                }
            }
        }
        throw new PitayaException(PitayaException.INTERNAL, "the server router chose no server of this type",
                Map.of("serverType", serverType, "route", route));
    }

    static ClusterServer view(ServerDescriptor server) {
        return new ClusterServer(server.id(), server.type(), server.metadata(), server.frontend(), server.hostname());
    }
}
