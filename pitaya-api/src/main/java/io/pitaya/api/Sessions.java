package io.pitaya.api;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The sessions connected to this server: lookups, pushes and kicks by uid, and session-wide listeners.
 * Inject it anywhere: {@code @Inject Sessions sessions}.
 *
 * <p>The listeners here are the programmatic form of the CDI events in {@link io.pitaya.api.events}, for code that
 * is not a CDI bean. Registering the same listener object twice has no effect (like Pitaya, which ignores a
 * callback registered twice). Listeners run before the CDI observers of the same event.
 */
public interface Sessions {

    Optional<Session> byId(long id);

    /** The session bound to {@code uid} on this server. */
    Optional<Session> byUid(String uid);

    /** How many sessions are connected to this server, bound or not (handshake included). */
    int count();

    /** Runs {@code action} for every session connected now (Pitaya's {@code ForEachSession}). */
    void forEach(Consumer<? super Session> action);

    /**
     * Pushes {@code payload} on {@code route} to the users {@code uids} (Pitaya's {@code SendPushToUsers}): the
     * payload is serialized once ({@code byte[]} goes out raw) and queued for each user's session on this server.
     *
     * <p>This one reaches the sessions connected to this server only; in cluster mode use
     * {@link #pushToUsers(String, Object, Collection, String)} to reach users on other frontends.
     *
     * @return the uids that were not reached (no session bound here, or the session closed); empty when all were
     */
    List<String> pushToUsers(String route, Object payload, Collection<String> uids);

    /**
     * Kicks the users {@code uids} (Pitaya's {@code SendKickToUsers}): each session bound to one of them on this
     * server gets a kick packet and is closed.
     *
     * @return the uids that have no session on this server; empty when all were kicked
     */
    List<String> kickUsers(Collection<String> uids);

    /**
     * Pushes {@code payload} on {@code route} to the users {@code uids} bound on frontends of {@code frontendType},
     * wherever they are connected (Pitaya's {@code SendPushToUsers} with a frontend type). The payload is serialized
     * once ({@code byte[]} goes out raw). A user with a session on this server goes directly when this server is of
     * that type; in cluster mode every other user's push is published to
     * {@code pitaya/<frontendType>/user/<uid>/push} for the frontend that holds the user. Standalone, only the
     * sessions of this server are reached.
     *
     * @return the uids that could not be sent to: standalone, those without a session here; in cluster mode those
     *         whose push could not be published (a user connected nowhere is not known here and is not listed, as
     *         in Pitaya)
     * @throws IllegalArgumentException when {@code frontendType} is empty (backends must name it, as in Pitaya)
     */
    List<String> pushToUsers(String route, Object payload, Collection<String> uids, String frontendType);

    /**
     * Kicks the users {@code uids} bound on frontends of {@code frontendType}, wherever they are connected (Pitaya's
     * {@code SendKickToUsers}): a session of this server directly when this server is of that type, otherwise (cluster
     * mode) through {@code pitaya/<frontendType>/user/<uid>/kick}; the frontend sends the kick packet and closes.
     *
     * @return the uids that could not be kicked or sent a kick (as for {@link #pushToUsers(String, Object, Collection, String)})
     */
    List<String> kickUsers(Collection<String> uids, String frontendType);

    /**
     * Runs {@code listener} while a session binds (Pitaya's {@code OnSessionBind}): {@link Session#uid()} already
     * returns the new uid, but the session is not reachable by uid yet. Throwing vetoes the bind: the uid is
     * reset and the exception reaches the caller of {@link Session#bind(String)}. CDI form:
     * {@code @Observes SessionBinding}.
     */
    Registration onBind(Consumer<? super Session> listener);

    /**
     * Runs {@code listener} after a session bound and became reachable by uid (Pitaya's
     * {@code OnAfterSessionBind}). Throwing undoes the bind and reaches the caller, as in Pitaya. CDI form:
     * {@code @Observes SessionBound}.
     */
    Registration onAfterBind(Consumer<? super Session> listener);

    /**
     * Runs {@code listener} for every session that closes (Pitaya's {@code OnSessionClose}), after the session's
     * own {@link Session#onClose} callbacks, on the container's managed executor. Exceptions are logged. CDI form:
     * {@code @Observes SessionClosed}.
     */
    Registration onClose(Consumer<? super Session> listener);

    /**
     * Adds a check run on every client handshake (Pitaya's {@code AddHandshakeValidator}). All validators run, in
     * the order they were added (programmatic ones, then CDI beans implementing {@link HandshakeValidator}); the
     * first that throws rejects the handshake: the client gets the {@code code 400} handshake response and the
     * connection closes. A validator added again under the same name replaces the earlier one.
     */
    Registration addHandshakeValidator(String name, HandshakeValidator validator);
}
