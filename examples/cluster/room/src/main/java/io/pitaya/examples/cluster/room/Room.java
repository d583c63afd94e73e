package io.pitaya.examples.cluster.room;

import io.pitaya.api.Groups;
import io.pitaya.api.Handler;
import io.pitaya.api.PitayaException;
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

    @Inject
    Session session;

    @Inject
    Groups groups;

    /**
     * Binds the session to a fresh uid (session ids are only unique per connector), tells the newcomer who is here
     * and everyone else who came.
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
        return new JoinResponse(0, "success");
    }

    /** Relays a chat line to everyone in the room, the sender included, whichever connector they are on. */
    public void message(UserMessage message) {
        groups.broadcast(FRONTEND, GROUP, "onMessage", message);
    }
}
