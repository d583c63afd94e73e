package io.pitaya.core.session;

import io.pitaya.api.Handshake;

import java.util.Map;

/**
 * How a {@link LinkedSession} reaches its player (Pitaya's network entity). On the server the client is connected
 * to (a frontend), the connection's agent ({@code io.pitaya.core.agent.Agent}) is the link; in cluster mode a backend
 * reaches the same player through a remote link to that frontend (over RPC), so a handler gets the same
 * {@code Session} type on either kind of server.
 *
 * <p>Every method may be called from any thread and must not block: a link queues what it sends. Heartbeats stay
 * with the link that owns the connection (the agent); a remote link has none.
 */
public interface SessionLink {

    /**
     * Answers the client's request {@code requestId}: {@code data} is the serialized response, or with
     * {@code error} the serialized error payload. False when the link is closed or its queue refused it.
     */
    boolean respond(long requestId, byte[] data, boolean error);

    /** Sends a server push on {@code route}; false when the link is closed or its queue refused it. */
    boolean push(String route, byte[] data);

    /** Tells the client it is kicked (after what is already queued for it), then closes. */
    void kick();

    /** Closes the player's connection now; {@code reason} is for logs and close listeners. */
    void close(String reason);

    /** The client's address as {@code host:port}. */
    String remoteAddress();

    /** The client's handshake, once it has sent one. */
    Handshake handshake();

    /** Why the link closed, once it has; null while open. */
    String closeReason();

    /**
     * Makes a bind of a remote session take effect where the player is connected (cluster mode: the frontend's
     * {@code sys.bindsession}); throwing vetoes the bind. Only remote links are asked: for a local session the pool
     * indexes the uid itself.
     */
    default void bindRemotely(String uid) {
        throw new UnsupportedOperationException("a local link binds through its session pool");
    }

    /**
     * Kicks a remote session's player where it is connected (cluster mode: the frontend's {@code sys.kick}); waits
     * for the answer and throws its error, as Go's remote agent returns it. Only remote links are asked.
     */
    default void kickRemotely() {
        throw new UnsupportedOperationException("a local link kicks its connection itself");
    }

    /**
     * Sends a remote session's data to where the player is connected (cluster mode: the frontend's
     * {@code sys.pushsession}), which replaces its copy; waits for the answer and throws its error. Only remote links
     * are asked.
     */
    default void pushToFront(Map<String, Object> data) {
        throw new UnsupportedOperationException("a local link holds the session data itself");
    }
}
