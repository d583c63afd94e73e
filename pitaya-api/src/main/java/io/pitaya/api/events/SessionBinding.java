package io.pitaya.api.events;

import io.pitaya.api.Session;

/**
 * A session is binding to {@code uid} (Pitaya's {@code OnSessionBind}). Fired synchronously on the thread that
 * called {@link Session#bind(String)}, after {@link Session#uid()} returns {@code uid} but before the session is
 * reachable by uid. An observer that throws vetoes the bind: the uid is reset and the exception reaches the caller
 * of {@code bind} (throw a {@link io.pitaya.api.PitayaException} to choose the error code the client sees).
 */
public record SessionBinding(Session session, String uid) {
}
