package io.pitaya.core.cdi;

import io.pitaya.api.Session;

/**
 * The session of the work running on this thread: a handler call, a pipeline hook, a close callback. A thread-local
 * rather than a CDI request-scoped bean, so that making the injected {@link Session} work costs no CDI context per
 * message.
 */
public final class CurrentSession {

    private static final ThreadLocal<Session> CURRENT = new ThreadLocal<>();

    private CurrentSession() {
    }

    /** The current session, or {@code null} outside Pitaya's work. */
    public static Session get() {
        return CURRENT.get();
    }

    /** Makes {@code session} current and returns the one it replaces, for {@link #restore}. */
    static Session enter(Session session) {
        Session previous = CURRENT.get();
        CURRENT.set(session);
        return previous;
    }

    static void restore(Session previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
