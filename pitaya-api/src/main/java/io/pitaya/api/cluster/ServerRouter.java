package io.pitaya.api.cluster;

import io.pitaya.api.Session;

import java.util.List;
import java.util.Optional;

/**
 * Chooses which server of a type gets a call (Go Pitaya's {@code app.AddRoute(serverType, routingFunc)}). Implement it
 * in a CDI bean of the application deployed on the servers that send the calls (usually the frontends); at most one
 * bean per {@link #serverType() server type}. Without one, a server of the type is chosen at random.
 *
 * <p>It is asked for every client message forwarded to a server of its type (with the player's session) and for every
 * {@link io.pitaya.api.Rpc#call Rpc call} to its type without a server id (without session; a call to a server id
 * skips the router). Go Pitaya asks its routers for forwarded messages only.
 *
 * <p>It runs on the thread that sends (a session's message thread, or the caller of {@code Rpc}): it must answer
 * quickly, without blocking I/O. Throwing fails the call as Pitaya does: a {@link io.pitaya.api.PitayaException} keeps
 * its code, message and metadata, any other exception becomes {@code PIT-500} with its message; the client (or the
 * {@code Rpc} caller) gets that error and nothing is sent.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class RoomRouter implements ServerRouter {
 *     public String serverType() { return "room"; }
 *     public ClusterServer route(String route, Optional<Session> session, byte[] payload, List<ClusterServer> servers) {
 *         String uid = session.map(Session::uid).orElse("");
 *         return servers.get(Math.floorMod(uid.hashCode(), servers.size()));
 *     }
 * }
 * }</pre>
 */
public interface ServerRouter {

    /** The server type whose servers this router chooses among. */
    String serverType();

    /**
     * The server that gets this call.
     *
     * @param route   the full route, {@code serverType.service.method}
     * @param session the player's session for a forwarded client message; empty for a remote call
     * @param payload the message's data, or the remote call's encoded argument (do not modify)
     * @param servers the servers of the type service discovery knows, never empty, sorted by id (so routers of
     *                several servers that hash over it agree)
     * @return one of {@code servers}
     */
    ClusterServer route(String route, Optional<Session> session, byte[] payload, List<ClusterServer> servers)
            throws Exception;
}
