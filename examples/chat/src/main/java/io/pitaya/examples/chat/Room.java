package io.pitaya.examples.chat;

import io.pitaya.api.Groups;
import io.pitaya.api.Handler;
import io.pitaya.api.PitayaException;
import io.pitaya.api.Session;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * Pitaya's demo chat, route for route: {@code room.join} (request) and {@code room.message} (notify), pushing
 * {@code onMembers}, {@code onNewUser} and {@code onMessage} exactly as the Go demo does.
 */
@Handler
public class Room {

    static final String GROUP = "room";

    @Inject
    Session session;

    @Inject
    Groups groups;

    /** Binds the session to its id as uid, tells the newcomer who is here and everyone else who came. */
    public JoinResponse join(Map<String, Object> ignored) {
        String uid = Long.toString(session.id());
        try {
            session.bind(uid);
        } catch (PitayaException e) {
            throw new PitayaException("RH-000", e.getMessage(), Map.of("failed", "bind"), e);
        }
        groups.createIfAbsent(GROUP);
        session.push("onMembers", new Members(groups.members(GROUP)));
        groups.broadcast(GROUP, "onNewUser", new NewUser("New user: " + uid));
        groups.add(GROUP, uid);
        session.onClose(() -> {
            if (groups.contains(GROUP, uid)) {
                groups.remove(GROUP, uid);
            }
        });
        return new JoinResponse(0, "success");
    }

    /** Relays a chat line to everyone in the room, the sender included. */
    public void message(UserMessage message) {
        groups.broadcast(GROUP, "onMessage", message);
    }
}
