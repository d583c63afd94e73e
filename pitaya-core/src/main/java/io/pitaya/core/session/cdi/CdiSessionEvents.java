package io.pitaya.core.session.cdi;

import io.pitaya.api.PitayaException;
import io.pitaya.api.Session;
import io.pitaya.api.events.SessionBinding;
import io.pitaya.api.events.SessionBound;
import io.pitaya.api.events.SessionClosed;
import io.pitaya.core.session.SessionEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.ObserverException;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * Turns the registry's session events into CDI events: {@link SessionBinding}, {@link SessionBound} and
 * {@link SessionClosed}, delivered to synchronous {@code @Observes} methods of the application.
 */
@ApplicationScoped
public class CdiSessionEvents implements SessionEvents {

    @Inject
    Event<SessionBinding> binding;

    @Inject
    Event<SessionBound> bound;

    @Inject
    Event<SessionClosed> closed;

    @Override
    public void binding(Session session, String uid) {
        fire(binding, new SessionBinding(session, uid));
    }

    @Override
    public void bound(Session session, String uid) {
        fire(bound, new SessionBound(session, uid));
    }

    /** Runs on the managed executor, outside any handler call: gives observers a request context of their own. */
    @Override
    @ActivateRequestContext
    public void closed(Session session, String reason) {
        fire(closed, new SessionClosed(session, reason));
    }

    /** Rethrows what the observer threw: CDI wraps checked exceptions, which the caller of bind should see as such. */
    private static <T> void fire(Event<T> event, T payload) {
        try {
            event.fire(payload);
        } catch (ObserverException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new PitayaException(PitayaException.UNKNOWN, cause.getMessage(), Map.of(), cause);
        }
    }
}
