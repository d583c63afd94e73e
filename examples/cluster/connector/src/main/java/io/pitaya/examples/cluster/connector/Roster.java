package io.pitaya.examples.cluster.connector;

import io.pitaya.api.Remote;
import io.pitaya.api.Sessions;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The connector's remote, called by the room over NATS ({@code connector.roster.info}, to the player's own connector
 * with {@code Rpc.callTo}): which connector this is and how many players it holds.
 */
@Remote("roster")
public class Roster {

    @Inject
    Sessions sessions;

    @Inject
    @ConfigProperty(name = "pitaya.server.id", defaultValue = "")
    String serverId;

    public RosterInfo info() {
        return new RosterInfo(serverId, sessions.count());
    }

    /** {@code {"server":"connector-1","players":3}} */
    public record RosterInfo(String server, long players) {
    }
}
