package io.pitaya.core.session;

import io.pitaya.api.Registration;
import io.pitaya.api.Session;
import io.pitaya.core.handler.InvocationScope;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who hears about binds and closes: the programmatic listeners of {@code Sessions}, then the event bridge (CDI
 * observers in the container); and the scope close work runs in.
 */
public final class SessionListeners {

    private static final Logger LOG = Logger.getLogger(SessionListeners.class.getName());

    private final List<Consumer<? super Session>> bindListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<? super Session>> afterBindListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<? super Session>> closeListeners = new CopyOnWriteArrayList<>();
    private volatile SessionEvents events = SessionEvents.NONE;
    private volatile InvocationScope closeScope = InvocationScope.NONE;

    public Registration onBind(Consumer<? super Session> listener) {
        return register(bindListeners, listener);
    }

    public Registration onAfterBind(Consumer<? super Session> listener) {
        return register(afterBindListeners, listener);
    }

    public Registration onClose(Consumer<? super Session> listener) {
        return register(closeListeners, listener);
    }

    /** Where session events go besides the listeners (the CDI bridge in the container). */
    public void events(SessionEvents events) {
        this.events = events == null ? SessionEvents.NONE : events;
    }

    /** Where close callbacks and listeners run (the CDI request context of the container); none by default. */
    public void closeScope(InvocationScope scope) {
        this.closeScope = scope == null ? InvocationScope.NONE : scope;
    }

    /** Before-bind listeners, then {@code SessionBinding} observers; the first exception vetoes the bind. */
    void beforeBind(Session session, String uid) {
        for (Consumer<? super Session> listener : bindListeners) {
            listener.accept(session);
        }
        events.binding(session, uid);
    }

    /** After-bind listeners, then {@code SessionBound} observers; the first exception undoes the bind. */
    void afterBind(Session session, String uid) {
        for (Consumer<? super Session> listener : afterBindListeners) {
            listener.accept(session);
        }
        events.bound(session, uid);
    }

    /** Global close listeners, then {@code SessionClosed} observers; failures are logged. Runs on the session's mailbox. */
    void runCloseListeners(Session session, String reason) {
        for (Consumer<? super Session> listener : closeListeners) {
            try {
                listener.accept(session);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                LOG.log(Level.WARNING, "session close listener failed for session " + session.id(), e);
            }
        }
        try {
            events.closed(session, reason);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.log(Level.WARNING, "SessionClosed observer failed for session " + session.id(), e);
        }
    }

    /**
     * Runs a session's close work inside the invocation scope (in the container: a CDI request context in which the
     * injected {@code Session} is the closed session, as during its handler calls). If the scope cannot be entered
     * (the application is going away) the work still runs, without it.
     */
    void inCloseScope(Session session, Runnable work) {
        boolean[] ran = {false};
        try {
            closeScope.call(session, () -> {
                ran[0] = true;
                work.run();
                return null;
            });
        } catch (RuntimeException | LinkageError e) {
            if (ran[0]) {
                LOG.log(Level.FINE, "leaving the close scope of session " + session.id() + " failed", e);
            } else {
                LOG.log(Level.FINE, "no close scope for session " + session.id() + ", running its close work without it", e);
                work.run();
            }
        }
    }

    private static Registration register(List<Consumer<? super Session>> listeners, Consumer<? super Session> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (listeners) {
            // the same listener twice is ignored (Pitaya compares function pointers); compared by identity
            if (listeners.stream().noneMatch(l -> l == listener)) {
                listeners.add(listener);
            }
        }
        return () -> listeners.removeIf(l -> l == listener);
    }
}
