package io.pitaya.examples.cluster.room;

import io.pitaya.api.Groups;
import io.pitaya.api.Handler;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Rpc;
import io.pitaya.api.Session;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.UUID;

/**
 * The chat room on a backend server of type {@code room}: clients of any connector send {@code room.room.join}
 * (request) and {@code room.room.message} (notify); the connector forwards them here over NATS, and the pushes
 * ({@code onMembers}, {@code onNewUser}, {@code onMessage}) travel back through the connector that holds each player.
 * The group lives in this backend's memory (one room server); with several room servers set
 * {@code pitaya.groups.service=etcd} so that they share it.
 */
@Handler("room")
public class Room {

    static final String GROUP = "room";
    /** The players' server type: a broadcast goes to each member on whichever connector holds it. */
    static final String FRONTEND = "connector";
    /** Session data key under which the connector puts its server id. */
    static final String CONNECTOR_KEY = "connector";

    @Inject
    Session session;

    @Inject
    Groups groups;

    @Inject
    Rpc rpc;

    /**
     * Binds the session to a fresh uid (session ids are only unique per connector), tells the newcomer who is here
     * and everyone else who came; answers with the player's connector and its player count, asked from that
     * connector's remote ({@code connector.roster.info}).
     */
    public JoinResponse join(JoinRequest request) {
        String uid = UUID.randomUUID().toString().substring(0, 8);
        try {
            session.bind(uid);
        } catch (PitayaException e) {
            throw new PitayaException("RH-000", e.getMessage(), Map.of("failed", "bind"), e);
        }
        groups.createIfAbsent(GROUP);
        session.push("onMembers", new Members(groups.members(GROUP)));
        groups.broadcast(FRONTEND, GROUP, "onNewUser", new NewUser("New user: " + uid));
        groups.add(GROUP, uid);
        ConnectorInfo via = connectorOf(session);
        return new JoinResponse(0, "success", via == null ? null : via.server(), via == null ? 0 : via.players());
    }

    /**
     * The connector holding the player (its id is in the session data, put there at the handshake), asked through
     * its remote; null when unknown or when it does not answer (the join does not depend on it).
     */
    ConnectorInfo connectorOf(Session player) {
        String connector = player.getString(CONNECTOR_KEY);
        if (connector == null || connector.isEmpty()) {
            return null;
        }
        try {
            return rpc.callTo(connector, "connector.roster.info", null, ConnectorInfo.class);
        } catch (PitayaException e) {
            return null;
        }
    }

    /** Relays a chat line to everyone in the room, the sender included, whichever connector they are on. */
    public void message(UserMessage message) {
        groups.broadcast(FRONTEND, GROUP, "onMessage", message);
    }
}
