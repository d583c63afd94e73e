package io.pitaya.cluster.it.routing;

import io.pitaya.api.PitayaException;
import io.pitaya.api.Session;
import io.pitaya.api.cluster.ClusterServer;
import io.pitaya.api.cluster.ServerRouter;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The router the tests add to connector.ear for the room servers: it refuses {@code room.probe.refused} (a route no
 * handler has, so only the router can answer it) naming the player's session, and sends every other message to the
 * first room server by id.
 */
@ApplicationScoped
public class ProbeRouter implements ServerRouter {

    @Override
    public String serverType() {
        return "room";
    }

    @Override
    public ClusterServer route(String route, Optional<Session> session, byte[] payload, List<ClusterServer> servers) {
        if (route.equals("room.probe.refused")) {
            throw new PitayaException("RH-451", "refused by the connector's router", Map.of(
                    "session", session.map(s -> String.valueOf(s.id())).orElse("none"),
                    "servers", String.valueOf(servers.size())));
        }
        return servers.get(0);
    }
}
