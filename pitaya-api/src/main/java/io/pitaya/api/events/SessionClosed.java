package io.pitaya.api.events;

import io.pitaya.api.Session;

/**
 * A session closed (Pitaya's {@code OnSessionClose}). Fired on the container's managed executor after the session's
 * own {@link Session#onClose} callbacks, for every session: bound or not, closed by the client, a kick, a newer
 * session of the same uid, a timeout or server shutdown. Exceptions from observers are logged.
 *
 * @param session the closed session: its id, uid and data are still readable
 * @param reason  why it closed, for logs (e.g. {@code "kicked"}, {@code "server shutting down"})
 */
public record SessionClosed(Session session, String reason) {

    /** The uid the session was bound to, or null. */
    public String uid() {
        return session.uid();
    }

    public long sessionId() {
        return session.id();
    }
}
