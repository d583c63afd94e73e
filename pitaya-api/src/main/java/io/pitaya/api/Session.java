package io.pitaya.api;

import java.util.Map;
import java.util.Optional;

/**
 * A player's connection to this server. Inject it into a {@link Handler} bean ({@code @Inject Session session})
 * or declare it as a handler method parameter: either way it is the session of the message being handled.
 *
 * <p>The injected {@code Session} is a proxy for "the session of the current work": the message being handled, or,
 * in close callbacks and {@code SessionClosed} observers, the session that closed. Anywhere else (your own threads,
 * timers, other sessions' handlers) it has no session behind it: keep the {@code Session} object itself (a
 * {@code Session} handler parameter, {@link Sessions#byId}, or the one in an {@link io.pitaya.api.events event}).
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
     * Binds this session to a user id, making it reachable by uid (pushes, kicks, lookups, groups).
     *
     * <p>In order: the uid is set; the {@link Sessions#onBind before-bind listeners} and
     * {@code @Observes SessionBinding} observers run, and any exception they throw undoes the bind and is rethrown
     * here (a {@link PitayaException} keeps its code, so a handler that lets it through answers the client with
     * it); a session of this server already bound to the same uid is closed; the session becomes reachable by uid;
     * then the {@link Sessions#onAfterBind after-bind listeners} and {@code @Observes SessionBound} observers run
     * (an exception there also undoes the bind, as in Pitaya).
     *
     * @throws PitayaException "illegal uid" for an empty uid, "session is already bound to an uid" when bound,
     *                         "session is closed" when the connection is gone, or whatever a listener threw
     */
    void bind(String uid);

    /**
     * Stores a value in the session data; {@code null} removes the key. Values should be JSON-friendly: in cluster
     * mode the data travels to backends as JSON (and numbers come back as JSON numbers, see {@link #getInt}).
     */
    void set(String key, Object value);

    /** The value stored under {@code key}, or {@code null}. */
    Object get(String key);

    /** The value stored under {@code key} when it is an instance of {@code type}. */
    <T> Optional<T> get(String key, Class<T> type);

    /** Whether a value is stored under {@code key} (Pitaya's {@code HasKey}). */
    default boolean has(String key) {
        return get(key) != null;
    }

    /** The value as a string, or {@code null} when absent or not a {@link String} (no conversion). */
    default String getString(String key) {
        return get(key) instanceof String s ? s : null;
    }

    default String getString(String key, String defaultValue) {
        String value = getString(key);
        return value != null ? value : defaultValue;
    }

    /**
     * The value as an {@code int}, or 0 when absent or not a whole number in range.
     *
     * <p><b>JSON numbers.</b> Any {@link Number} with an integral value is accepted, whatever its Java type:
     * {@code 7}, {@code 7L}, {@code 7.0} and {@code new BigDecimal("7")} all give 7, while {@code 7.5} or a value
     * outside the {@code int} range gives the default. This matters for data that went through JSON (in cluster
     * mode, or maps your own code parsed), where a number may come back as a {@code Double}, {@code Long} or
     * {@code BigDecimal}. Pitaya's Go {@code Int()} is stricter: it returns 0 for a number that went through JSON
     * (a {@code float64}); here you get the number.
     */
    default int getInt(String key) {
        return getInt(key, 0);
    }

    default int getInt(String key, int defaultValue) {
        Long value = SessionValues.integral(get(key));
        return value != null && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? value.intValue() : defaultValue;
    }

    /** The value as a {@code long}, or 0; integral numbers of any type are accepted, as for {@link #getInt}. */
    default long getLong(String key) {
        return getLong(key, 0L);
    }

    default long getLong(String key, long defaultValue) {
        Long value = SessionValues.integral(get(key));
        return value != null ? value : defaultValue;
    }

    /** The value as a {@code double}, or 0 when absent or not a {@link Number} (any number type is converted). */
    default double getDouble(String key) {
        return getDouble(key, 0.0);
    }

    default double getDouble(String key, double defaultValue) {
        return get(key) instanceof Number n ? n.doubleValue() : defaultValue;
    }

    /** The value as a {@code boolean}, or {@code false} when absent or not a {@link Boolean}. */
    default boolean getBoolean(String key) {
        return getBoolean(key, false);
    }

    default boolean getBoolean(String key, boolean defaultValue) {
        return get(key) instanceof Boolean b ? b : defaultValue;
    }

    /** Removes one key from the session data. */
    void remove(String key);

    /** Removes all session data (the uid stays bound; Pitaya's {@code Clear} also forgets the uid). */
    void clear();

    /** A copy of the session data. */
    Map<String, Object> data();

    /**
     * What the client sent in its handshake ({@code sys} and {@code user}); {@code null} until the handshake is
     * accepted. The session data also holds {@code ipversion} ({@code "ipv4"} or {@code "ipv6"}) from then on.
     */
    Handshake handshake();

    /** The client's address as the transport saw it. */
    String remoteAddress();

    /**
     * Pushes a message to this client on {@code route}: a {@code byte[]} goes out as it is, anything else is
     * serialized with the configured serializer.
     *
     * @return true when the message was queued for the client, false when the session is closed
     */
    boolean push(String route, Object payload);

    /**
     * Sends a kick packet (after what is already queued for the client), then closes the connection. On a backend
     * (cluster mode) the frontend holding the player does it ({@code sys.kick}, by uid) and this waits for its answer
     * (at most the cluster request timeout), as Pitaya's backend {@code session.Kick} does.
     *
     * @throws PitayaException on a backend only: "you have to bind an UID to the session to do that" for an unbound
     *                         session, the frontend's error ("session not found" when the player is gone from it),
     *                         PIT-408 when it did not answer in time
     */
    void kick();

    /**
     * Sends this session's data to the frontend the player is connected to, which replaces its copy with it
     * (Pitaya's {@code PushToFront}, cluster mode, backends only). A backend's session is rebuilt from the frontend's
     * data for every forwarded message, so what a backend handler {@link #set sets} is lost unless pushed to the
     * front. Waits for the frontend's answer (at most the cluster request timeout).
     *
     * @throws PitayaException "frontend session can't push to front" on the server the player is connected to, or
     *                         the frontend's error (PIT-408 when it did not answer in time)
     */
    void pushToFront();

    /** Closes the connection (close callbacks run). */
    void close();

    boolean isClosed();

    /**
     * Runs {@code callback} once when this session closes; runs it at once when it is already closed.
     *
     * <p>Callbacks run in registration order on the container's managed executor, after the messages of this
     * session already queued, and before the {@link Sessions#onClose global close listeners} and
     * {@code @Observes SessionClosed} observers. They run in a CDI request context of their own in which the injected
     * {@code Session} is this (closed) session. A failing callback is logged and the others still run. Server
     * shutdown waits for them (bounded by {@code pitaya.session.closeall.timeout}, 10 s).
     *
     * @throws PitayaException "onclose callbacks are not allowed on backend servers" on a backend (cluster mode),
     *                         whose session is a view of the frontend's: register close listeners on the frontend
     */
    void onClose(Runnable callback);
}

