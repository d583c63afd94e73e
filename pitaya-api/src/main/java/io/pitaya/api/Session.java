package io.pitaya.api;

import io.pitaya.protocol.handshake.HandshakeRequest;

import java.util.Map;
import java.util.Optional;

/**
 * A player's connection to this server. Inject it into a {@link Handler} bean ({@code @Inject Session session})
 * or declare it as a handler method parameter: either way it is the session of the message being handled.
 */
public interface Session {

    /** Per-server counter starting at 1, unique on this server. */
    long id();

    /** The bound user id, or {@code null} before {@link #bind(String)}. */
    String uid();

    default boolean isBound() {
        return uid() != null;
    }

    /**
     * Binds this session to a user id, making it reachable by uid (pushes, kicks, lookups).
     *
     * @throws PitayaException for an empty uid or when the session is already bound
     */
    void bind(String uid);

    /** Stores a value in the session data (values should be JSON-friendly: they travel to backends as JSON). */
    void set(String key, Object value);

    Object get(String key);

    <T> Optional<T> get(String key, Class<T> type);

    void remove(String key);

    void clear();

    /** A copy of the session data. */
    Map<String, Object> data();

    /** What the client sent in its handshake ({@code sys} and {@code user}). */
    HandshakeRequest handshake();

    /** The client's address as the transport saw it. */
    String remoteAddress();

    /**
     * Pushes a message to this client on {@code route}: a {@code byte[]} goes out as it is, anything else is
     * serialized with the configured serializer.
     *
     * @return true when the message was queued for the client, false when the session is closed
     */
    boolean push(String route, Object payload);

    /** Sends a kick packet, then closes the connection. */
    void kick();

    /** Closes the connection (close callbacks run). */
    void close();

    boolean isClosed();

    /** Runs {@code callback} once when this session closes; runs it at once when it is already closed. */
    void onClose(Runnable callback);
}
