package io.pitaya.examples.cluster.room;

import io.pitaya.api.Groups;
import io.pitaya.api.Remote;
import jakarta.inject.Inject;

/**
 * The room's remote, called by a connector when a player's session closes ({@code room.membership.leave}): a
 * backend's view of a session never closes, so the connector that held the player tells the room it left.
 */
@Remote("membership")
public class Membership {

    @Inject
    Groups groups;

    public void leave(String uid) {
        if (groups.contains(Room.GROUP, uid)) {
            groups.remove(Room.GROUP, uid);
        }
    }
}
