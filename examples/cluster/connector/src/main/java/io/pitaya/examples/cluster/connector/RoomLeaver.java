package io.pitaya.examples.cluster.connector;

import io.pitaya.api.Rpc;
import io.pitaya.api.events.SessionClosed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Tells the room that a player who joined (a bound session) is gone, through the room's remote. */
@ApplicationScoped
public class RoomLeaver {

    private static final Logger LOG = Logger.getLogger(RoomLeaver.class.getName());

    @Inject
    Rpc rpc;

    void closed(@Observes SessionClosed closed) {
        String uid = closed.uid();
        if (uid == null) {
            return;
        }
        rpc.callAsync("room.membership.leave", uid, byte[].class).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.log(Level.FINE, "could not tell the room that " + uid + " left", failure);
            }
        });
    }
}
