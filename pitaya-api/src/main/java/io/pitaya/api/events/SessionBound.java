package io.pitaya.api.events;

import io.pitaya.api.Session;

/**
 * A session bound to {@code uid} and is now reachable by it (Pitaya's {@code OnAfterSessionBind}); an older session
 * of the same uid on this server has been closed. Fired synchronously on the thread that called
 * {@link Session#bind(String)}; an observer that throws undoes the bind and the exception reaches that caller.
 */
public record SessionBound(Session session, String uid) {
}
